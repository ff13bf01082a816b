import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getMcnRoster, getMyMcn, giveContractNotice, inviteToMcn, listMcnPayouts, requestMcnPayout, requireUser } from "~/components/mcn/mcn.server";
import { RosterHistory, RosterSection, sharePercent } from "~/components/mcn/roster-table";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors, Toast } from "~/components/forms";
import { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/earnings.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/**
 * The MCN admin's page: balance (its share, pending and confirmed), the roster with a bar chart of each
 * signed creator's 30-day GMV and commission, open invitations, the invite form and notice on a
 * contract. Only the caller's own MCN is ever loaded (the domain refuses any other). Plain posts.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "mcn.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const mine = await getMyMcn(context, user);
  if (!mine) {
    if (user.roles.includes("mcn_admin") || user.roles.includes("admin")) throw redirect("/mcn/new");
    throw json(null, { status: 403 });
  }
  return json({ roster: await getMcnRoster(context, user, mine.id), payouts: await listMcnPayouts(context, user, mine.id) });
}

type ActionData = { intent: string; ok: boolean; failure: FormFailure | null; contractId?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "notice") {
      const contractId = String(form.get("contractId") ?? "");
      await giveContractNotice(context, user, contractId, { reason: String(form.get("reason") ?? "") });
      return json<ActionData>({ intent, ok: true, failure: null, contractId });
    }
    const mine = await getMyMcn(context, user);
    if (!mine) throw json(null, { status: 403 });
    if (intent === "payout") {
      const yuan = String(form.get("amountYuan") ?? "").trim();
      // Yuan with at most two decimals → cents; anything else fails the schema's integer check.
      const cents = /^\d+(\.\d{1,2})?$/.test(yuan) ? Math.round(Number(yuan) * 100) : Number.NaN;
      await requestMcnPayout(context, user, mine.id, { amountCents: cents, requestKey: String(form.get("requestKey") ?? "") || undefined });
      return json<ActionData>({ intent, ok: true, failure: null });
    }
    const percent = Number(String(form.get("sharePercent") ?? "").trim());
    await inviteToMcn(context, user, mine.id, {
      creatorHandle: String(form.get("creatorHandle") ?? "").replace(/^@/, ""),
      // Percent with up to two decimals → basis points; anything else fails the schema's integer check.
      shareBp: Number.isFinite(percent) ? Math.round(percent * 100) : Number.NaN,
      startsOn: String(form.get("startsOn") ?? ""),
      endsOn: String(form.get("endsOn") ?? ""),
      message: String(form.get("message") ?? "") || undefined,
    });
    return json<ActionData>({ intent: "invite", ok: true, failure: null });
  } catch (error) {
    if (error instanceof Response) throw error;
    const { failure, status } = formFailure(error, locale);
    if (failure.fields.shareBp) failure.fields.sharePercent = failure.fields.shareBp;
    return json<ActionData>({ intent, ok: false, failure }, { status });
  }
}

export default function McnPage() {
  const t = useT();
  const format = useFormat();
  const { roster, payouts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const inviteErrors = result?.intent === "invite" ? result.failure : null;
  const payoutErrors = result?.intent === "payout" ? result.failure : null;
  const field = (name: string) => inviteErrors?.fields[name];
  return (
    <div className="stack">
      <PageHeader title={roster.mcn.name}>{t("mcn.intro")}</PageHeader>
      {result?.ok && result.intent === "invite" ? <Toast>{t("mcn.invite.sent")}</Toast> : null}
      {result?.ok && result.intent === "notice" ? <Toast>{t("mcn.notice.given")}</Toast> : null}
      {result?.ok && result.intent === "payout" ? <Toast>{t("mcn.payout.sent")}</Toast> : null}
      <dl className="er-stats">
        <div className="er-stat er-stat-main">
          <dt>{t("mcn.balance.earnings")}</dt>
          <dd data-testid="mcn-earnings">{format.money(roster.earningsCents)}</dd>
        </div>
        <div className="er-stat">
          <dt>{t("mcn.balance.pending")}</dt>
          <dd>{format.money(roster.pendingCents)}</dd>
        </div>
      </dl>

      <section className="card card-body stack" aria-labelledby="payout-h">
        <h2 id="payout-h">{t("mcn.payout")}</h2>
        {payoutErrors && !payoutErrors.fields.amountCents ? <FormErrors errors={[payoutErrors.message]} /> : null}
        <Form method="post" className="row">
          <input type="hidden" name="intent" value="payout" />
          <input type="hidden" name="requestKey" value={`mcn-${roster.mcn.id.slice(0, 8)}-${payouts.length}`} />
          <div className="field">
            <label htmlFor="amountYuan">{t("mcn.payout.amount")}</label>
            <input id="amountYuan" name="amountYuan" inputMode="decimal" className="input" required aria-invalid={payoutErrors?.fields.amountCents ? true : undefined} aria-describedby={payoutErrors?.fields.amountCents ? "amountYuan-errors" : undefined} />
            <ErrorList id="amountYuan-errors" errors={payoutErrors?.fields.amountCents} />
          </div>
          <button type="submit" className="btn btn-primary">
            {t("mcn.payout.submit")}
          </button>
        </Form>
        {payouts.length > 0 ? (
          <ul className="er-list">
            {payouts.map((p) => (
              <li key={p.id} className="er-row">
                <div className="er-row-head">
                  <strong className="er-amount">{format.money(p.amountCents)}</strong>
                  <span className={`er-chip er-chip-${p.status}`}>{t(`payouts.status.${p.status}` as UiKey)}</span>
                </div>
                <span className="muted small">{format.dateTime(p.requestedAt)}</span>
                {p.reason ? <span className="small">{p.reason}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <RosterSection
        roster={roster}
        contractAction={(r) => (
          <details>
            <summary>{t("mcn.notice")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="notice" />
              <input type="hidden" name="contractId" value={r.contract.id} />
              <label htmlFor={`reason-${r.contract.id}`}>{t("mcn.notice.reason")}</label>
              <input id={`reason-${r.contract.id}`} name="reason" className="input" required maxLength={500} />
              {result?.intent === "notice" && result.failure ? <FormErrors errors={[result.failure.message]} /> : null}
              <button type="submit" className="btn btn-danger btn-small">
                {t("mcn.notice")}
              </button>
            </Form>
          </details>
        )}
      />

      <section className="card card-body stack" aria-labelledby="invite-h">
        <h2 id="invite-h">{t("mcn.invite")}</h2>
        {inviteErrors && Object.keys(inviteErrors.fields).length === 0 ? <FormErrors errors={[inviteErrors.message]} /> : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="invite" />
          {(
            [
              ["creatorHandle", "mcn.field.handle", "text", {}],
              ["sharePercent", "mcn.field.share", "number", { min: 0.01, max: 90, step: 0.01 }],
              ["startsOn", "mcn.field.startsOn", "date", {}],
              ["endsOn", "mcn.field.endsOn", "date", {}],
            ] as const
          ).map(([name, label, type, extra]) => (
            <div className="field" key={name}>
              <label htmlFor={`f-${name}`}>{t(label as UiKey)}</label>
              <input
                id={`f-${name}`}
                name={name}
                type={type}
                className="input"
                required
                {...extra}
                aria-invalid={field(name)?.length ? true : undefined}
                aria-describedby={field(name)?.length ? `f-${name}-errors` : undefined}
              />
              <ErrorList id={`f-${name}-errors`} errors={field(name)} />
            </div>
          ))}
          <div className="field">
            <label htmlFor="f-message">{t("mcn.field.message")}</label>
            <textarea id="f-message" name="message" className="input" maxLength={500} rows={2} />
          </div>
          <button type="submit" className="btn btn-primary">
            {t("mcn.invite.submit")}
          </button>
        </Form>
      </section>

      {roster.invitations.length > 0 ? (
        <section className="card card-body stack" aria-labelledby="pending-h">
          <h2 id="pending-h">{t("mcn.pending")}</h2>
          <ul className="er-list">
            {roster.invitations.map((i) => (
              <li key={i.id} className="er-row">
                <strong>{i.creator.displayName}</strong> <span className="muted small">@{i.creator.handle}</span>
                <span className="small">{t("mcn.contract.terms", { share: sharePercent(i.shareBp), from: format.date(i.startsAt), to: format.date(i.endsAt) })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <RosterHistory history={roster.history} />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
