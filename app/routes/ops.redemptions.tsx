import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, Toast } from "~/components/forms";
import { formFailure, type FormFailure } from "~/components/rewards/form-errors.server";
import { RewardsOpsNav } from "~/components/rewards/ops-nav";
import { FieldErrorList, StatusChip, type RedemptionItem } from "~/components/rewards/reward-bits";
import { listRedemptionQueue, requireStaff, updateRedemption, type UpdateRedemptionInput } from "~/components/rewards/rewards.server";
import { useFormat, useT } from "~/i18n";
import rewardStyles from "~/styles/rewards.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/**
 * Staff fulfilment: pending redemptions oldest first. Ship a physical item with its tracking number,
 * mark a virtual one issued, or cancel with a reason (points and stock come back). Each row's forms
 * are plain posts; two staff acting on one row at once get one success and one "already handled".
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rewardStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "rewards.queue.title");

// Kept here rather than imported from db/schema, which must not reach the browser bundle.
const REDEMPTION_STATUSES = ["pending", "shipped", "fulfilled", "cancelled"] as const;
const statusSchema = z.enum(REDEMPTION_STATUSES).catch("pending");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:rewards:any");
  const status = statusSchema.parse(new URL(request.url).searchParams.get("status") ?? "pending");
  return json({ status, redemptions: await listRedemptionQueue(context, staff, { status, limit: 100 }) });
}

type ActionData = { id: string; done: "shipped" | "fulfilled" | "cancelled" | null; failure: FormFailure | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:rewards:any");
  const locale = resolveLocale(request, staff);
  const form = await request.formData();
  const id = String(form.get("redemptionId") ?? "");
  const action = String(form.get("action") ?? "");
  const note = String(form.get("note") ?? "").trim();
  try {
    const updated = await updateRedemption(context, staff, id, { action, note: note === "" && action === "fulfil" ? undefined : note } as UpdateRedemptionInput);
    return json<ActionData>({ id, done: updated.status as ActionData["done"], failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    return json<ActionData>({ id, done: null, failure }, { status });
  }
}

function QueueRow({ r, result }: { r: RedemptionItem; result: ActionData | undefined }) {
  const t = useT();
  const format = useFormat();
  const mine = result?.id === r.id ? result : undefined;
  const errors = mine?.failure?.fields.note;
  const general = mine?.failure ? [mine.failure.message] : [];
  const noteForm = (action: "ship" | "fulfil" | "cancel", label: string, noteLabel: string, className: string) => (
    <Form method="post" className="rw-inline">
      <input type="hidden" name="redemptionId" value={r.id} />
      <input type="hidden" name="action" value={action} />
      <div className="field">
        <label htmlFor={`${action}-${r.id}`}>{noteLabel}</label>
        <input id={`${action}-${r.id}`} name="note" className="input" maxLength={500} aria-describedby={errors?.length ? `${r.id}-errors` : undefined} />
      </div>
      <button type="submit" className={className}>
        {label}
      </button>
    </Form>
  );
  return (
    <li className="card card-body rw-row">
      <div className="rw-row-head">
        <strong>
          {r.reward.title} × {r.quantity}
        </strong>
        <StatusChip status={r.status} />
      </div>
      <span className="muted">
        {t("rewards.queue.member", { name: `${r.member.displayName} @${r.member.handle}` })} · {t("rewards.price", { points: format.count(r.points) })} ·{" "}
        {format.dateTime(r.createdAt)}
      </span>
      {r.shipping.name ? <span>{t("rewards.confirm.shipTo", { name: r.shipping.name, phone: r.shipping.phone ?? "", address: r.shipping.address ?? "" })}</span> : null}
      {r.staffNote ? <span>{t("rewards.mine.note", { note: r.staffNote })}</span> : null}
      {mine?.done ? <Toast>{t(`rewards.queue.done.${mine.done}`)}</Toast> : null}
      {mine?.failure ? <FormErrors errors={general} /> : null}
      <FieldErrorList id={`${r.id}-errors`} errors={errors} />
      {r.status === "pending" ? (
        <>
          {r.reward.kind === "physical"
            ? noteForm("ship", t("rewards.queue.ship"), t("rewards.queue.tracking"), "btn btn-primary btn-small")
            : noteForm("fulfil", t("rewards.queue.fulfil"), t("rewards.queue.fulfilNote"), "btn btn-primary btn-small")}
          {noteForm("cancel", t("rewards.queue.cancel"), t("rewards.queue.reason"), "btn btn-danger btn-small")}
        </>
      ) : null}
    </li>
  );
}

export default function RedemptionQueue() {
  const t = useT();
  const { status, redemptions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="stack">
      <RewardsOpsNav current="redemptions" />
      <PageHeader title={t("rewards.queue.title")}>{t("rewards.queue.intro")}</PageHeader>
      <nav className="lb-tabs" aria-label={t("rewards.queue.filter")}>
        {REDEMPTION_STATUSES.map((s) => (
          <Link key={s} to={`/ops/redemptions?status=${s}`} aria-current={s === status ? "page" : undefined}>
            {t(`rewards.status.${s}`)}
          </Link>
        ))}
      </nav>
      {redemptions.length === 0 ? (
        <p className="muted">{t("rewards.queue.empty")}</p>
      ) : (
        <ul className="rw-list" aria-label={t("rewards.queue.title")}>
          {redemptions.map((r) => (
            <QueueRow key={r.id} r={r} result={result} />
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
