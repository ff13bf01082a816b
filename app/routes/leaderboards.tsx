import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { LeaderboardChart } from "~/components/leaderboards/leaderboard-chart";
import { getLeaderboard, leaderboardQuerySchema } from "~/components/rewards/rewards.server";
import { useFormat, useT } from "~/i18n";
import rewardStyles from "~/styles/rewards.css";
import { titleMeta } from "~/utils/meta";
import { getUser } from "~/utils/session.server";

/**
 * 排行榜: points earned this week / this month / all time, and current check-in streaks, as a ranked
 * bar chart. Board and period are links (GET), so every view has its own URL and works without JS.
 * A signed-in member always sees their own rank, even outside the top 20.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rewardStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "leaderboards.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const search = new URL(request.url).searchParams;
  const query = leaderboardQuerySchema.safeParse({ board: search.get("board") ?? undefined, period: search.get("period") ?? undefined, limit: 20 });
  if (!query.success) throw json(null, { status: 400 });
  const board = await getLeaderboard(context, user, query.data);
  return json({ board, meId: user?.id ?? null, signedIn: user !== null });
}

export default function Leaderboards() {
  const t = useT();
  const format = useFormat();
  const { board, meId, signedIn } = useLoaderData<typeof loader>();
  const unit = board.board;
  const tab = (to: string, current: boolean, label: string) => (
    <Link to={to} aria-current={current ? "page" : undefined}>
      {label}
    </Link>
  );
  return (
    <div className="stack">
      <PageHeader title={t("leaderboards.title")}>{t("leaderboards.intro")}</PageHeader>
      <nav className="lb-tabs" aria-label={t("leaderboards.boards")}>
        {tab(`/leaderboards?board=points&period=${board.board === "points" ? board.period : "week"}`, board.board === "points", t("leaderboards.board.points"))}
        {tab("/leaderboards?board=streak", board.board === "streak", t("leaderboards.board.streak"))}
      </nav>
      {board.board === "points" ? (
        <nav className="lb-tabs" aria-label={t("leaderboards.periods")}>
          {(["week", "month", "all"] as const).map((p) => (
            <span key={p}>{tab(`/leaderboards?board=points&period=${p}`, board.period === p, t(`leaderboards.period.${p}`))}</span>
          ))}
        </nav>
      ) : null}
      {board.startsAt && board.endsAt ? (
        <p className="muted">
          {t("leaderboards.window", { start: format.date(board.startsAt), end: format.date(new Date(Date.parse(board.endsAt) - 1)) })}
        </p>
      ) : null}
      {signedIn ? (
        <section className="card card-body lb-me" aria-label={t("leaderboards.me")}>
          <strong>{t("leaderboards.me")}</strong>
          <span>
            {board.me
              ? t("leaderboards.me.rank", { rank: board.me.rank, value: t(`leaderboards.value.${unit}`, { value: format.count(board.me.value) }) })
              : t("leaderboards.me.none")}
          </span>
        </section>
      ) : null}
      <section className="card card-body">
        {board.entries.length === 0 ? <p className="muted">{t("leaderboards.empty")}</p> : <LeaderboardChart rows={board.entries} unit={unit} meId={meId} />}
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
