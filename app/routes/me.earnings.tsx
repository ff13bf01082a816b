import { getFormProps, useForm } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { EarningsChart } from "~/components/earnings/earnings-chart";
import { AppError, getEarningsSummary, isAppError, listCommissions, listMyPayouts, requestPayout, type CommissionView, type PayoutView } from "~/components/earnings/earnings.server";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton, TextField, Toast } from "~/components/forms";
import { SproutIcon } from "~/components/icons";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/earnings.css";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { getRealtime } from "~/utils/realtime.client";
import { requireUser } from "~/utils/session.server";

/**
 * 我的收益: balances from the ledger, the 30-day chart, per-link and per-product tables, the commission
 * list with each commission's timeline, payouts, and the payout form (a plain post: works without
 * JavaScript). A `commission:created` push announces a new order and reloads the figures.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "earnings.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
  const [summary, page, payouts] = await Promise.all([
    getEarningsSummary(context, user),
    // A stale or edited cursor starts again from the newest instead of failing the page.
    listCommissions(context, user, { cursor, limit: 20 }, locale).catch(() => listCommissions(context, user, { limit: 20 }, locale)),
    listMyPayouts(context, user, { limit: 20 }),
  ]);
  return json({ summary, page, payouts, paged: Boolean(cursor), requestKey: crypto.randomUUID() });
}

/** Yuan as people type it ("50", "50.5", "¥1,200.00") → integer cents; anything else is a field error. */
const payoutFormSchema = z.object({
  amount: z
    .string({ error: "distribution.payout.amountYuan" })
    .transform((s) => s.replace(/[¥,\s]/g, ""))
    .pipe(z.string().regex(/^\d{1,7}(\.\d{1,2})?$/, "distribution.payout.amountYuan")),
  requestKey: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const submission = parseForm(await request.formData(), payoutFormSchema, locale);
  if (submission.status !== "success") return json({ result: submission.reply(), done: null }, { status: 422 });
  const [whole = "0", fraction = ""] = submission.value.amount.split(".");
  const amountCents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  try {
    const { payout } = await requestPayout(context, user, { amountCents, requestKey: submission.value.requestKey });
    return json({ result: submission.reply({ resetForm: true }), done: payout.amountCents });
  } catch (error) {
    // The domain names the field amountCents; the form's field is `amount`.
    const renamed =
      isAppError(error) && error.fields?.amountCents ? new AppError(error.code, error.message, { fields: { amount: error.fields.amountCents } }) : error;
    const { result, status } = replyWithError(submission, renamed, locale);
    return json({ result, done: null }, { status });
  }
}

function StatusChip({ status, kind }: { status: string; kind: "earnings" | "payouts" }) {
  const t = useT();
  return <span className={`er-chip er-chip-${status}`}>{t(`${kind}.status.${status}` as UiKey)}</span>;
}

function CommissionItem({ c }: { c: CommissionView }) {
  const t = useT();
  const format = useFormat();
  return (
    <li className="card card-body er-row" data-testid="commission">
      <div className="er-row-head">
        <strong>{c.title}</strong>
        <span className="er-amount">{format.money(c.netCents)}</span>
      </div>
      <div className="er-row-head small muted">
        <span>
          {t("earnings.commission.order", { number: c.orderNumber })} · {t("earnings.commission.rate", { total: format.money(c.lineTotalCents), rate: `${c.rateBp / 100}%` })}
        </span>
        <StatusChip status={c.status} kind="earnings" />
      </div>
      {c.status === "pending" ? <span className="small muted">{t("earnings.commission.confirmableAt", { date: format.date(c.confirmableAt) })}</span> : null}
      <ol className="er-timeline" aria-label={t("earnings.commission.timeline")}>
        {c.timeline.map((s, i) => (
          <li key={`${s.reason}-${i}`}>
            <time dateTime={s.at}>{format.dateTime(s.at)}</time> · {s.reasonText} · {format.money(s.amountCents)}
          </li>
        ))}
      </ol>
    </li>
  );
}

function PayoutItem({ p }: { p: PayoutView }) {
  const t = useT();
  const format = useFormat();
  return (
    <li className="er-row-head">
      <span>
        {format.dateTime(p.requestedAt)} · <span className="er-amount">{format.money(p.amountCents)}</span>
        {p.heldForReview && p.status === "requested" ? <span className="small muted"> · {t("earnings.payout.held")}</span> : null}
        {p.reason && p.status === "rejected" ? <span className="small muted"> · {t("earnings.payout.reason", { reason: p.reason })}</span> : null}
      </span>
      <StatusChip status={p.status} kind="payouts" />
    </li>
  );
}

interface LivePush {
  orderId: string;
  totalCents: number;
}

export default function MyEarnings() {
  const t = useT();
  const format = useFormat();
  const { summary, page, payouts, paged, requestKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const [live, setLive] = useState<LivePush | null>(null);
  const [form, fields] = useForm<{ amount: string; requestKey: string }>({ id: "payout", lastResult: actionData?.result, shouldRevalidate: "onBlur" });

  useEffect(
    () =>
      getRealtime().on("commission:created", (push) => {
        setLive({ orderId: push.orderId, totalCents: push.totalCents });
        revalidator.revalidate();
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- subscribe once; revalidate is stable enough for a push
    [],
  );

  const stat = (key: UiKey, cents: number, testId: string, main = false) => (
    <div className={main ? "er-stat er-stat-main" : "er-stat"}>
      <dt>{t(key)}</dt>
      <dd data-testid={testId} className={cents < 0 ? "er-negative" : undefined}>
        {format.money(cents)}
      </dd>
    </div>
  );

  return (
    <div className="stack">
      <PageHeader title={t("earnings.title")}>{t("earnings.intro")}</PageHeader>
      <div aria-live="polite">{live ? <Toast>{t("earnings.live", { amount: format.money(live.totalCents) })}</Toast> : null}</div>

      <section className="card card-body stack" aria-label={t("earnings.title")}>
        <dl className="er-stats">
          {stat("earnings.balance", summary.balanceCents, "earnings-balance", true)}
          {stat("earnings.pending", summary.pendingCents, "earnings-pending")}
          {stat("earnings.confirmed", summary.confirmedCents, "earnings-confirmed")}
          {stat("earnings.inPayout", summary.inPayoutCents, "earnings-in-payout")}
          {stat("earnings.paid", summary.paidCents, "earnings-paid")}
          {stat("earnings.lifetime", summary.lifetimeCents, "earnings-lifetime")}
        </dl>
        {summary.balanceCents < 0 ? <p className="small er-negative">{t("earnings.balance.negative")}</p> : null}
      </section>

      <section className="card card-body stack" aria-labelledby="payout-title">
        <h2 id="payout-title" className="section-title">
          {t("earnings.payout.title")}
        </h2>
        {actionData?.done ? <Toast>{t("earnings.payout.done", { amount: format.money(actionData.done) })}</Toast> : null}
        <Form method="post" {...getFormProps(form)} className="er-inline">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="requestKey" value={requestKey} />
          <TextField
            field={fields.amount}
            label={t("earnings.payout.amount")}
            hint={t("earnings.payout.hint", { minimum: format.money(summary.minimumPayoutCents), max: format.money(summary.withdrawableCents) })}
            inputMode="decimal"
            autoComplete="off"
            required
          />
          <SubmitButton className="btn btn-primary">{t("earnings.payout.submit")}</SubmitButton>
        </Form>
        <h3 className="section-title">{t("earnings.payout.history")}</h3>
        {payouts.length === 0 ? (
          <p className="muted small">{t("earnings.payout.none")}</p>
        ) : (
          <ul className="er-list" aria-label={t("earnings.payout.history")}>
            {payouts.map((p) => (
              <PayoutItem key={p.id} p={p} />
            ))}
          </ul>
        )}
      </section>

      <section className="card card-body stack" aria-labelledby="chart-title">
        <h2 id="chart-title" className="section-title">
          {t("earnings.chart.title")}
        </h2>
        <EarningsChart points={summary.chart} />
      </section>

      {summary.byLink.length > 0 ? (
        <section className="card card-body stack" aria-labelledby="by-link">
          <h2 id="by-link" className="section-title">
            {t("earnings.byLink")}
          </h2>
          <div className="er-table-wrap">
            <table className="er-table">
              <thead>
                <tr>
                  <th scope="col">{t("earnings.col.link")}</th>
                  <th scope="col">{t("earnings.col.orders")}</th>
                  <th scope="col">{t("earnings.col.gmv")}</th>
                  <th scope="col">{t("earnings.col.commission")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.byLink.map((l) => (
                  <tr key={l.linkId ?? "none"}>
                    <th scope="row">{l.linkId ? <Link to={`/me/links/${l.linkId}`}>{l.title || l.code}</Link> : l.title}</th>
                    <td>{format.count(l.orders)}</td>
                    <td>{format.money(l.gmvCents)}</td>
                    <td>{format.money(l.commissionCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 className="section-title">{t("earnings.byProduct")}</h2>
          <div className="er-table-wrap">
            <table className="er-table">
              <thead>
                <tr>
                  <th scope="col">{t("earnings.col.product")}</th>
                  <th scope="col">{t("earnings.col.orders")}</th>
                  <th scope="col">{t("earnings.col.gmv")}</th>
                  <th scope="col">{t("earnings.col.commission")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.byProduct.map((p) => (
                  <tr key={p.productId ?? p.title}>
                    <th scope="row">{p.productId ? <Link to={`/products/${p.productId}`}>{p.title}</Link> : p.title}</th>
                    <td>{format.count(p.orders)}</td>
                    <td>{format.money(p.gmvCents)}</td>
                    <td>{format.money(p.commissionCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section className="stack" aria-labelledby="commissions-title">
        <h2 id="commissions-title" className="section-title">
          {t("earnings.commissions")}
        </h2>
        {page.items.length === 0 ? (
          <div className="card">
            <EmptyState icon={<SproutIcon size={44} />} title={t("earnings.empty.title")}>
              {t("earnings.empty.body")}{" "}
              <Link to="/me/links">{t("earnings.empty.cta")}</Link>
            </EmptyState>
          </div>
        ) : (
          <ul className="er-list" aria-labelledby="commissions-title">
            {page.items.map((c) => (
              <CommissionItem key={c.id} c={c} />
            ))}
          </ul>
        )}
        <nav className="row" aria-label={t("earnings.commissions")}>
          {paged ? (
            <Link to="/me/earnings" className="btn btn-secondary btn-small">
              {t("earnings.newest")}
            </Link>
          ) : null}
          {page.nextCursor ? (
            <Link to={`/me/earnings?cursor=${encodeURIComponent(page.nextCursor)}`} className="btn btn-secondary btn-small" rel="next">
              {t("earnings.more")}
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
