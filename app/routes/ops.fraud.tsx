import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors, SubmitButton, Toast } from "~/components/forms";
import { RightsOpsNav } from "~/components/distribution-rights/ops-nav";
import { formFailure, listFraudFlags, requireStaff, resolveFraudFlag, type FormFailure } from "~/components/distribution-rights/rights.server";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/distribution-rights.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Staff: open fraud flags with their details, each resolved with a note (audited); the latest resolved below. */

const PERMISSION = "manage:payouts:any";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "fraud.ops.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  const [open, resolved] = await Promise.all([listFraudFlags(context, staff, { status: "open" }), listFraudFlags(context, staff, { status: "resolved", limit: 20 })]);
  return json({ open, resolved });
}

type ActionData = { flagId: string; done: boolean; note: string; failure: FormFailure | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  const form = await request.formData();
  const flagId = String(form.get("flagId") ?? "");
  const note = String(form.get("note") ?? "");
  try {
    await resolveFraudFlag(context, staff, flagId, { note });
    return json<ActionData>({ flagId, done: true, note: "", failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, staff));
    return json<ActionData>({ flagId, done: false, note, failure }, { status });
  }
}

function detailText(t: ReturnType<typeof useT>, kind: string, details: Record<string, unknown>): string {
  const params = Object.fromEntries(Object.entries(details).map(([k, v]) => [k, typeof v === "number" ? v : String(v ?? "")]));
  return t(`fraud.ops.detail.${kind}` as UiKey, params);
}

export default function OpsFraud() {
  const t = useT();
  const format = useFormat();
  const { open, resolved } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="stack">
      <RightsOpsNav current="fraud" />
      <PageHeader title={t("fraud.ops.title")}>{t("fraud.ops.intro")}</PageHeader>
      {data?.done ? <Toast>{t("fraud.ops.done")}</Toast> : null}
      <section className="stack" aria-labelledby="fraud-open">
        <h2 id="fraud-open" className="section-title">
          {t("fraud.ops.open")} · {open.length}
        </h2>
        {open.length === 0 ? (
          <div className="card">
            <EmptyState icon={<span aria-hidden="true">🛡️</span>} title={t("fraud.ops.empty")} />
          </div>
        ) : (
          <ul className="dr-list">
            {open.map((f) => {
              const mine = data?.flagId === f.id ? data : undefined;
              return (
                <li key={f.id} className="card card-body stack" data-testid="fraud-flag">
                  <div className="dr-path-head">
                    <strong>
                      <Link to={`/u/${f.member.handle}`}>{f.member.displayName}</Link> <span className="muted">@{f.member.handle}</span>
                    </strong>
                    <span className="chip">{t(`fraud.ops.kind.${f.kind}` as UiKey)}</span>
                  </div>
                  <span>{detailText(t, f.kind, f.details)}</span>
                  <span className="muted small">{t("fraud.ops.raisedAt", { time: format.dateTime(f.createdAt) })}</span>
                  <Form method="post" className="form stack" aria-label={`${t("fraud.ops.resolve")} ${f.member.displayName}`}>
                    <input type="hidden" name="flagId" value={f.id} />
                    <FormErrors errors={mine?.failure && !mine.failure.fields.note ? [mine.failure.message] : null} />
                    <div className="field">
                      <label htmlFor={`note-${f.id}`}>{t("fraud.ops.note")}</label>
                      <textarea
                        id={`note-${f.id}`}
                        name="note"
                        className="textarea textarea-short"
                        maxLength={500}
                        defaultValue={mine?.note ?? ""}
                        aria-invalid={mine?.failure?.fields.note ? true : undefined}
                        aria-describedby={mine?.failure?.fields.note ? `note-${f.id}-errors` : undefined}
                      />
                      <ErrorList id={`note-${f.id}-errors`} errors={mine?.failure?.fields.note} />
                    </div>
                    <SubmitButton className="btn btn-secondary">{t("fraud.ops.resolve")}</SubmitButton>
                  </Form>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {resolved.length > 0 ? (
        <section className="card card-body stack" aria-labelledby="fraud-resolved">
          <h2 id="fraud-resolved" className="section-title">
            {t("fraud.ops.resolved")}
          </h2>
          <ul className="dr-list">
            {resolved.map((f) => (
              <li key={f.id} className="stack">
                <span>
                  <strong>{f.member.displayName}</strong> · {t(`fraud.ops.kind.${f.kind}` as UiKey)}
                </span>
                <span className="muted small">
                  {t("fraud.ops.resolvedBy", { name: f.resolvedBy?.displayName ?? "—", time: format.dateTime(f.resolvedAt ?? f.createdAt), note: f.resolution ?? "" })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
