import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { acceptMcnInvitation, declineMcnInvitation, giveContractNotice, listMyMcnInvitations, requireUser } from "~/components/mcn/mcn.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, Toast } from "~/components/forms";
import { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/earnings.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** A creator's invitations from MCNs (accept or decline) and their contracts, with notice on the live one. */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "mcn.inv.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json(await listMyMcnInvitations(context, user));
}

type ActionData = { done: "accepted" | "declined" | "notice" | null; failure: FormFailure | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const id = String(form.get("id") ?? "");
  try {
    if (intent === "accept") await acceptMcnInvitation(context, user, id);
    else if (intent === "decline") await declineMcnInvitation(context, user, id);
    else await giveContractNotice(context, user, id, { reason: String(form.get("reason") ?? "") });
    return json<ActionData>({ done: intent === "accept" ? "accepted" : intent === "decline" ? "declined" : "notice", failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, user));
    return json<ActionData>({ done: null, failure }, { status });
  }
}

export default function McnInvitations() {
  const t = useT();
  const format = useFormat();
  const { invitations, contracts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
  return (
    <div className="stack">
      <PageHeader title={t("mcn.inv.title")}>{t("mcn.inv.intro")}</PageHeader>
      {result?.done === "accepted" ? <Toast>{t("mcn.inv.accepted")}</Toast> : null}
      {result?.done === "declined" ? <Toast>{t("mcn.inv.declined")}</Toast> : null}
      {result?.done === "notice" ? <Toast>{t("mcn.notice.given")}</Toast> : null}
      {result?.failure ? <FormErrors errors={[result.failure.message, ...Object.values(result.failure.fields).flat()]} /> : null}
      {contracts.length > 0 ? (
        <section className="card card-body stack" aria-labelledby="contracts-h">
          <h2 id="contracts-h">{t("mcn.contracts")}</h2>
          <ul className="er-list">
            {contracts.map((c) => (
              <li key={c.id} className="er-row">
                <div className="er-row-head">
                  <strong>{c.mcn.name}</strong>
                  <span className="er-chip">{t(`mcn.contract.status.${c.status}` as UiKey)}</span>
                </div>
                <span className="small">{t("mcn.contract.terms", { share: pct(c.shareBp), from: format.date(c.startsAt), to: format.date(c.endsAt) })}</span>
                {c.status === "active" ? (
                  <details>
                    <summary>{t("mcn.notice")}</summary>
                    <Form method="post" className="stack">
                      <input type="hidden" name="intent" value="notice" />
                      <input type="hidden" name="id" value={c.id} />
                      <label htmlFor={`reason-${c.id}`}>{t("mcn.notice.reason")}</label>
                      <input id={`reason-${c.id}`} name="reason" className="input" required maxLength={500} />
                      <button type="submit" className="btn btn-danger btn-small">
                        {t("mcn.notice")}
                      </button>
                    </Form>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="stack" aria-label={t("mcn.inv.title")}>
        {invitations.length === 0 ? <p className="muted">{t("mcn.inv.empty")}</p> : null}
        <ul className="er-list">
          {invitations.map((i) => (
            <li key={i.id} className="card card-body er-row">
              <div className="er-row-head">
                <strong>{t("mcn.inv.from", { mcn: i.mcn.name })}</strong>
                <span className="er-chip">{t(`mcn.inv.status.${i.status}` as UiKey)}</span>
              </div>
              <span className="small">{t("mcn.contract.terms", { share: pct(i.shareBp), from: format.date(i.startsAt), to: format.date(i.endsAt) })}</span>
              {i.message ? <p className="small">{i.message}</p> : null}
              {i.status === "invited" ? (
                <Form method="post" className="row">
                  <input type="hidden" name="id" value={i.id} />
                  <button type="submit" name="intent" value="accept" className="btn btn-primary btn-small">
                    {t("mcn.inv.accept")}
                  </button>
                  <button type="submit" name="intent" value="decline" className="btn btn-small">
                    {t("mcn.inv.decline")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
