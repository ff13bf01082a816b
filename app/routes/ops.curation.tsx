import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors, SubmitButton, Toast } from "~/components/forms";
import { curatePost, formFailure, liftCuration, listCurations, requireStaff, type FormFailure } from "~/components/ops-console/ops-console.server";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/ops-console.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Staff: pin, boost or bury a note (fading over its decay days), lift one, and see what is curated now. */

const PERMISSION = "feature:post:any";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "opsConsole.curation.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  return json({ curations: await listCurations(context, staff) });
}

type ActionData = { done: "curated" | "lifted" | null; values: Record<string, string>; failure: FormFailure | null };

/** A whole number from a form field, or the raw text so the schema reports it; empty means "the default". */
function optionalInt(value: FormDataEntryValue | null): number | string | undefined {
  const s = typeof value === "string" ? value.trim() : "";
  if (s === "") return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") values[k] = v;
  const postId = (values.postId ?? "").trim();
  try {
    if (values.intent === "lift") {
      await liftCuration(context, staff, postId);
      return json<ActionData>({ done: "lifted", values: {}, failure: null });
    }
    await curatePost(context, staff, postId, {
      action: values.action as "pin",
      weightBp: optionalInt(form.get("weightBp")) as number | undefined,
      decayDays: optionalInt(form.get("decayDays")) as number | undefined,
      reason: values.reason ?? "",
    });
    return json<ActionData>({ done: "curated", values: {}, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, staff));
    return json<ActionData>({ done: null, values, failure }, { status });
  }
}

export default function OpsCuration() {
  const t = useT();
  const format = useFormat();
  const { curations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const fields = data?.failure?.fields ?? {};
  const x = (bp: number) => (bp / 10000).toFixed(2).replace(/\.?0+$/, "");
  return (
    <div className="stack">
      <p className="small">
        <Link to="/ops">← {t("opsConsole.title")}</Link>
      </p>
      <PageHeader title={t("opsConsole.curation.title")}>{t("opsConsole.curation.intro")}</PageHeader>
      {data?.done === "curated" ? <Toast>{t("opsConsole.curation.done")}</Toast> : null}
      {data?.done === "lifted" ? <Toast>{t("opsConsole.curation.lifted")}</Toast> : null}
      <Form method="post" className="card card-body form stack" aria-label={t("opsConsole.curation.title")}>
        <FormErrors errors={data?.failure && Object.keys(fields).length === 0 ? [data.failure.message] : null} />
        <div className="field">
          <label htmlFor="postId">{t("opsConsole.curation.post")}</label>
          <input id="postId" name="postId" className="input" required defaultValue={data?.values.postId ?? ""} aria-invalid={fields.postId ? true : undefined} />
          <ErrorList errors={fields.postId} />
        </div>
        <fieldset className="field">
          <legend>{t("opsConsole.curation.action")}</legend>
          {(["pin", "boost", "bury"] as const).map((a) => (
            <label key={a} className="row">
              <input type="radio" name="action" value={a} defaultChecked={(data?.values.action ?? "boost") === a} /> {t(`opsConsole.curation.action.${a}` as UiKey)}
            </label>
          ))}
          <ErrorList errors={fields.action} />
        </fieldset>
        <div className="field">
          <label htmlFor="weightBp">{t("opsConsole.curation.weight")}</label>
          <input id="weightBp" name="weightBp" inputMode="numeric" className="input" defaultValue={data?.values.weightBp ?? ""} aria-invalid={fields.weightBp ? true : undefined} aria-describedby="weightBp-errors" />
          <ErrorList id="weightBp-errors" errors={fields.weightBp} />
        </div>
        <div className="field">
          <label htmlFor="decayDays">{t("opsConsole.curation.decayDays")}</label>
          <input id="decayDays" name="decayDays" inputMode="numeric" className="input" defaultValue={data?.values.decayDays ?? ""} aria-invalid={fields.decayDays ? true : undefined} aria-describedby="decayDays-errors" />
          <ErrorList id="decayDays-errors" errors={fields.decayDays} />
        </div>
        <div className="field">
          <label htmlFor="reason">{t("opsConsole.curation.reason")}</label>
          <input id="reason" name="reason" className="input" maxLength={200} defaultValue={data?.values.reason ?? ""} />
          <ErrorList errors={fields.reason} />
        </div>
        <SubmitButton className="btn btn-primary">{t("opsConsole.curation.submit")}</SubmitButton>
      </Form>
      <section className="card card-body stack" aria-labelledby="curation-list">
        <h2 id="curation-list" className="section-title">
          {t("opsConsole.curation.list")}
        </h2>
        {curations.length === 0 ? (
          <EmptyState icon={<span aria-hidden="true">📌</span>} title={t("opsConsole.curation.empty")} />
        ) : (
          <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
            {curations.map((c) => (
              <li key={c.id} className="stack" data-testid="curation">
                <span>
                  <span className="chip">{t(`opsConsole.curation.action.${c.action}` as UiKey)}</span> <Link to={`/n/${c.postId}`}>{c.postTitle}</Link>
                </span>
                <span className="small muted">
                  {c.endedAt ? t("opsConsole.curation.ended") : t("opsConsole.curation.factor", { now: x(c.currentWeightBp), start: x(c.weightBp), days: c.decayDays })} ·{" "}
                  {format.dateTime(c.startsAt)} · {c.createdBy ?? "—"} {c.reason ? `· ${c.reason}` : ""}
                </span>
                {c.endedAt ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="lift" />
                    <input type="hidden" name="postId" value={c.postId} />
                    <SubmitButton className="btn btn-secondary">{t("opsConsole.curation.lift")}</SubmitButton>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
