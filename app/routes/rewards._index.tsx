import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { RewardCard } from "~/components/rewards/reward-bits";
import { listRewards } from "~/components/rewards/rewards.server";
import { useFormat, useT } from "~/i18n";
import rewardStyles from "~/styles/rewards.css";
import { titleMeta } from "~/utils/meta";
import { getUser } from "~/utils/session.server";

/**
 * 兑换专区: the shelf of items with price, stock left and limits; a signed-in member sees on each
 * tile whether they can redeem it or what is missing ("还差 120 积分", "需要 V3 等级").
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rewardStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "rewards.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const rewards = await listRewards(context, user);
  return json({ rewards, signedIn: user !== null });
}

export default function RewardsShelf() {
  const t = useT();
  const format = useFormat();
  const { rewards, signedIn } = useLoaderData<typeof loader>();
  const viewer = rewards.find((r) => r.viewer)?.viewer ?? null;
  return (
    <div className="stack">
      <PageHeader title={t("rewards.title")}>{t("rewards.intro")}</PageHeader>
      <div className="card card-body rw-summary">
        {viewer ? (
          <>
            <span>{t("rewards.myPoints")} <strong>{format.count(viewer.points)}</strong></span>
            <span className="chip">{t("rewards.myLevel", { level: viewer.level })}</span>
          </>
        ) : null}
        <nav className="rw-links" aria-label={t("rewards.title")}>
          {signedIn ? <Link to="/me/redemptions">{t("rewards.history")}</Link> : <Link to="/login?redirectTo=%2Frewards">{t("rewards.loginToRedeem")}</Link>}
          <Link to="/leaderboards">{t("rewards.leaderboards")}</Link>
        </nav>
      </div>
      {rewards.length === 0 ? (
        <div className="card">
          <EmptyState icon={<span aria-hidden="true">🎁</span>} title={t("rewards.empty.title")}>
            {t("rewards.empty.body")}
          </EmptyState>
        </div>
      ) : (
        <ul className="rw-grid" aria-label={t("rewards.title")}>
          {rewards.map((r) => (
            <RewardCard key={r.id} item={r} />
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
