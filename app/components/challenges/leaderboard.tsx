import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "~/i18n";
import type { Leaderboard } from "../../../server/gamification/challenges/schemas";
import { UserAvatar } from "../user-avatar";

/** Ranks with ties shown as equal numbers; the days are bars so people can compare at a glance. */
export function ChallengeLeaderboard({ board, requiredDays }: { board: SerializeFrom<Leaderboard>; requiredDays: number }) {
  const t = useT();
  const top = Math.max(requiredDays, ...board.items.map((i) => i.daysDone), 1);
  return (
    <section className="card card-body stack" aria-labelledby="ch-board">
      <h2 id="ch-board">{t("challenges.board.title")}</h2>
      {board.me ? <p className="ch-meta">{t("challenges.board.me", { rank: board.me.rank })}</p> : null}
      {board.items.length === 0 ? (
        <p className="ch-meta">{t("challenges.board.empty")}</p>
      ) : (
        <ol className="ch-board">
          {board.items.map((row) => (
            <li key={row.user.id} className="ch-board-row" data-testid="leaderboard-row">
              <span className="ch-rank" aria-label={t("challenges.board.rank", { rank: row.rank })}>
                {row.rank}
              </span>
              <Link to={`/u/${encodeURIComponent(row.user.handle)}`} className="ch-board-user">
                <UserAvatar user={row.user} size={32} />
                <span>{row.user.displayName}</span>
              </Link>
              <span className="ch-board-bar" aria-hidden="true">
                <span style={{ width: `${Math.round((row.daysDone / top) * 100)}%` }} className={row.completed ? "done" : undefined} />
              </span>
              <span className="ch-board-days">{t("challenges.board.days", { days: row.daysDone })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
