import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { Toast } from "~/components/forms";
import { StatusChip } from "~/components/rewards/reward-bits";
import { listMyRedemptions } from "~/components/rewards/rewards.server";
import { useFormat, useT } from "~/i18n";
import rewardStyles from "~/styles/rewards.css";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

/** 兑换记录: the member's redemptions, newest first, with status, staff note (tracking) and refunds. */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rewardStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "rewards.mine.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const redemptions = await listMyRedemptions(context, user, { limit: 100 });
  return json({ redemptions, done: new URL(request.url).searchParams.has("done") });
}

export default function MyRedemptions() {
  const t = useT();
  const format = useFormat();
  const { redemptions, done } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("rewards.mine.title")} />
      {done ? <Toast>{t("rewards.done")}</Toast> : null}
      {redemptions.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<span aria-hidden="true">🎁</span>}
            title={t("rewards.mine.empty.title")}
            actions={
              <Link className="btn btn-primary" to="/rewards">
                {t("rewards.mine.goShop")}
              </Link>
            }
          >
            {t("rewards.mine.empty.body")}
          </EmptyState>
        </div>
      ) : (
        <ul className="rw-list" aria-label={t("rewards.mine.title")}>
          {redemptions.map((r) => (
            <li key={r.id} className="card card-body rw-row">
              <div className="rw-row-head">
                <Link to={`/rewards/${r.reward.id}`}>
                  <strong>{r.reward.title}</strong>
                </Link>
                <StatusChip status={r.status} />
              </div>
              <span className="muted">
                {t("rewards.mine.points", { points: format.count(r.points / r.quantity), quantity: r.quantity })} · {format.dateTime(r.createdAt)}
              </span>
              {r.staffNote ? <span>{t("rewards.mine.note", { note: r.staffNote })}</span> : null}
              {r.refunded ? <span className="rw-status rw-status-ok">{t("rewards.refunded")}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/rewards">← {t("rewards.title")}</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
