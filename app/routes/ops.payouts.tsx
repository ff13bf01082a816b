import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { decidePayout, listPayoutQueue, requireStaff, type DecidePayoutInput, type PayoutView } from "~/components/earnings/earnings.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors, Toast } from "~/components/forms";
import { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/earnings.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/**
 * Staff payout review: requested payouts oldest first, each with its owner — a member, or an MCN by name
 * linking to its roster (/mcn/<id>, which payout staff may read). Approve, reject with a reason (the
 * amount goes back to the owner's balance), then mark paid once the transfer went out. A flagged
 * creator's payout says so and needs a note to be approved. Plain posts, so the page works without
 * JavaScript; two staff acting on one row at once get one success and one "already moved on".
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "payouts.queue.title");

// Kept here rather than imported from db/schema, which must not reach the browser bundle.
const PAYOUT_STATUSES = ["requested", "approved", "paid", "rejected"] as const;
const statusSchema = z.enum(PAYOUT_STATUSES).catch("requested");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:payouts:any");
  const status = statusSchema.parse(new URL(request.url).searchParams.get("status") ?? "requested");
  return json({ status, payouts: await listPayoutQueue(context, staff, { status, limit: 100 }) });
}

type ActionData = { id: string; done: "approved" | "rejected" | "paid" | null; failure: FormFailure | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:payouts:any");
  const locale = resolveLocale(request, staff);
  const form = await request.formData();
  const id = String(form.get("payoutId") ?? "");
  const reason = String(form.get("reason") ?? "").trim();
  try {
    const updated = await decidePayout(context, staff, id, { action: String(form.get("action") ?? ""), reason: reason || undefined } as DecidePayoutInput);
    return json<ActionData>({ id, done: updated.status as ActionData["done"], failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    return json<ActionData>({ id, done: null, failure }, { status });
  }
}

function QueueRow({ p, result }: { p: PayoutView; result: ActionData | undefined }) {
  const t = useT();
  const format = useFormat();
  const mine = result?.id === p.id ? result : undefined;
  const errors = mine?.failure?.fields.reason;
  const noteId = `note-${p.id}`;
  return (
    <li className="card card-body er-row">
      <div className="er-row-head">
        <strong className="er-amount">{format.money(p.amountCents)}</strong>
        <span className={`er-chip er-chip-${p.status}`}>{t(`payouts.status.${p.status}` as UiKey)}</span>
      </div>
      {p.mcn ? (
        <span className="muted small" data-testid="payout-mcn">
          {t("payouts.queue.mcnOwner")}{" "}
          <Link to={`/mcn/${p.mcn.id}`} className="link" title={t("payouts.queue.rosterHint")}>
            {p.mcn.name}
          </Link>
          {" · "}
          {t("payouts.queue.requested", { date: format.dateTime(p.requestedAt) })}
        </span>
      ) : (
        <span className="muted small">
          {t("payouts.queue.owner", { name: p.owner ? `${p.owner.displayName} @${p.owner.handle}` : p.ownerId, date: format.dateTime(p.requestedAt) })}
        </span>
      )}
      {p.heldForReview ? (
        <p className="notice notice-error small" role="note">
          {t("payouts.queue.heldNote")} <Link to="/ops/fraud">/ops/fraud</Link>
        </p>
      ) : null}
      {p.reason ? <span className="small">{p.reason}</span> : null}
      {mine?.failure && !errors ? <FormErrors errors={[mine.failure.message]} /> : null}
      {p.status === "requested" || p.status === "approved" ? (
        <Form method="post" className="er-inline">
          <input type="hidden" name="payoutId" value={p.id} />
          <div className="field">
            <label htmlFor={noteId}>{t("payouts.queue.note")}</label>
            <input id={noteId} name="reason" className="input" maxLength={500} aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? `${noteId}-errors` : undefined} />
            <ErrorList id={`${noteId}-errors`} errors={errors} />
          </div>
          <div className="er-actions">
            {p.status === "requested" ? (
              <button type="submit" name="action" value="approve" className="btn btn-primary btn-small">
                {t("payouts.queue.approve")}
              </button>
            ) : (
              <button type="submit" name="action" value="markPaid" className="btn btn-primary btn-small">
                {t("payouts.queue.markPaid")}
              </button>
            )}
            <button type="submit" name="action" value="reject" className="btn btn-danger btn-small">
              {t("payouts.queue.reject")}
            </button>
          </div>
        </Form>
      ) : null}
    </li>
  );
}

export default function PayoutQueue() {
  const t = useT();
  const { status, payouts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="stack">
      <PageHeader title={t("payouts.queue.title")}>{t("payouts.queue.intro")}</PageHeader>
      {/* At page level: a decided payout usually leaves the list it was decided from. */}
      {result?.done ? <Toast>{t(`payouts.queue.done.${result.done}`)}</Toast> : null}
      <nav className="er-tabs" aria-label={t("payouts.queue.filter")}>
        {PAYOUT_STATUSES.map((s) => (
          <Link key={s} to={`/ops/payouts?status=${s}`} aria-current={s === status ? "page" : undefined}>
            {t(`payouts.status.${s}`)}
          </Link>
        ))}
      </nav>
      {payouts.length === 0 ? (
        <p className="muted">{t("payouts.queue.empty")}</p>
      ) : (
        <ul className="er-list" aria-label={t("payouts.queue.title")}>
          {payouts.map((p) => (
            <QueueRow key={p.id} p={p} result={result} />
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
