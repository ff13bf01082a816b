import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton } from "~/components/forms";
import { formFailure, getMyMembership, listMembershipPlans, purchaseMembership, type FormFailure } from "~/components/distribution-rights/rights.server";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/distribution-rights.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { getUser, requireUser } from "~/utils/session.server";

/**
 * 会员: the plans as cards with their benefits, the member's current membership and its end date, and a
 * buy button that places a membership order, paid on the order page like any order.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "membership.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const locale = resolveLocale(request, user);
  const [plans, membership] = await Promise.all([listMembershipPlans(context, user, locale), user ? getMyMembership(context, user, locale) : null]);
  return json({ plans, membership, signedIn: user !== null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  try {
    const order = await purchaseMembership(context, user, String(form.get("planId") ?? ""));
    return redirect(`/orders/${order.id}`);
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, user));
    return json<{ failure: FormFailure; planId: string }>({ failure, planId: String(form.get("planId") ?? "") }, { status });
  }
}

export default function Membership() {
  const t = useT();
  const format = useFormat();
  const { plans, membership, signedIn } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const current = membership?.current ?? null;
  return (
    <div className="stack">
      <PageHeader title={t("membership.title")}>{t("membership.intro")}</PageHeader>
      {signedIn ? (
        <section className="card card-body dr-status" aria-label={t("membership.title")}>
          {current ? (
            <>
              <div className="dr-status-head">
                <span className="dr-state dr-state-on">{t("membership.current", { name: current.planName })}</span>
              </div>
              <span>{t("membership.until", { date: format.date(current.endsAt) })}</span>
              {membership?.paidUntil && membership.paidUntil !== current.endsAt ? <span className="muted">{t("membership.paidUntil", { date: format.date(membership.paidUntil) })}</span> : null}
            </>
          ) : (
            <span className="dr-state">{t("membership.none")}</span>
          )}
          <Link to="/me/distribution">{t("rights.title")}</Link>
        </section>
      ) : null}

      {plans.length === 0 ? (
        <div className="card">
          <EmptyState icon={<span aria-hidden="true">💎</span>} title={t("membership.empty.title")}>
            {t("membership.empty.body")}
          </EmptyState>
        </div>
      ) : (
        <ul className="dr-plans" aria-label={t("membership.title")}>
          {plans.map((p) => (
            <li key={p.id} className="card card-body dr-plan" data-testid="membership-plan">
              <h2>{p.name}</h2>
              <span className="dr-plan-price">{t("membership.price", { price: format.money(p.priceCents), days: p.durationDays })}</span>
              {p.description ? <p className="muted">{p.description}</p> : null}
              <h3 className="visually-hidden">{t("membership.benefits")}</h3>
              <ul className="dr-benefits">
                {p.benefits.distributionRights ? <li>{t("membership.benefit.rights")}</li> : null}
                {p.benefits.pointsMultiplierBp > 10_000 ? <li>{t("membership.benefit.multiplier", { times: p.benefits.pointsMultiplierBp / 10_000 })}</li> : null}
                {p.benefits.monthlyPoints > 0 ? <li>{t("membership.benefit.monthlyPoints", { points: format.count(p.benefits.monthlyPoints) })}</li> : null}
                {p.benefits.birthdayGift ? <li>{t("membership.benefit.birthday", { gift: p.benefits.birthdayGift })}</li> : null}
              </ul>
              {data?.planId === p.id ? <FormErrors errors={[data.failure.message]} /> : null}
              {signedIn ? (
                <Form method="post">
                  <input type="hidden" name="planId" value={p.id} />
                  <SubmitButton className="btn btn-primary btn-block">{t((current ? "membership.renew" : "membership.buy") as UiKey)}</SubmitButton>
                </Form>
              ) : (
                <Link className="btn btn-secondary btn-block" to="/login?redirectTo=%2Fmembership">
                  {t("membership.loginToBuy")}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}

      {membership && membership.periods.length > 0 ? (
        <section className="card card-body stack" aria-labelledby="membership-periods">
          <h2 id="membership-periods" className="section-title">
            {t("membership.periods")}
          </h2>
          <ul className="dr-list">
            {membership.periods.map((m) => (
              <li key={m.id} className="row">
                <strong>{m.planName}</strong>
                <span className="chip">{t(`membership.period.${m.status}` as UiKey)}</span>
                <span className="muted">{t("membership.period.range", { from: format.date(m.startsAt), to: format.date(m.endsAt) })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
