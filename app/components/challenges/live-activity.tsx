import type { SerializeFrom } from "@remix-run/node";
import { useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useFormat, useT } from "~/i18n";
import { getRealtime } from "~/utils/realtime.client";
import type { ChallengeActivityPush } from "../../../server/gamification/challenges/activity";
import type { ActivityItem } from "../../../server/gamification/challenges/schemas";
import { UserAvatar } from "../user-avatar";

type Item = SerializeFrom<ActivityItem>;
const MAX_SHOWN = 30;

/**
 * "小红 刚刚打卡了 第 5 天": the page's activity list, kept live over Socket.IO. The page follows the
 * challenge's public room and prepends each pushed item (ids make a repeated push show once); after
 * a reconnect it re-runs the loaders, since pushes missed meanwhile are not replayed.
 */
export function LiveActivity({ challengeId, initial, onCounts }: { challengeId: string; initial: Item[]; onCounts?: (c: { participantCount: number; completedCount: number }) => void }) {
  const t = useT();
  const format = useFormat();
  const revalidator = useRevalidator();
  const [items, setItems] = useState(initial);
  const [now, setNow] = useState(() => new Date());

  // A fresh loader run (after an action or a resync) is the truth; pushes build on it.
  useEffect(() => setItems(initial), [initial]);

  useEffect(() => {
    const realtime = getRealtime();
    const unfollow = realtime.follow(`challenge:${challengeId}`);
    const socket = realtime.socket;
    const listener = (payload: ChallengeActivityPush) => {
      if (payload.challengeId !== challengeId) return;
      setNow(new Date());
      setItems((current) => (current.some((i) => i.id === payload.item.id) ? current : [payload.item, ...current].slice(0, MAX_SHOWN)));
      onCounts?.({ participantCount: payload.participantCount, completedCount: payload.completedCount });
    };
    socket.on("challenge:activity", listener);
    const offResync = realtime.onResync(() => revalidator.revalidate());
    return () => {
      socket.off("challenge:activity", listener);
      offResync();
      unfollow();
    };
    // revalidator changes identity on every render; the subscription must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [challengeId]);

  return (
    <section className="card card-body stack" aria-labelledby="ch-activity">
      <h2 id="ch-activity">
        <span className="ch-live-dot" aria-hidden="true" />
        {t("challenges.activity.title")}
      </h2>
      {items.length === 0 ? (
        <p className="ch-meta">{t("challenges.activity.empty")}</p>
      ) : (
        <ul className="ch-activity" aria-live="polite" aria-relevant="additions">
          {items.map((item) => (
            <li key={item.id} className="ch-activity-item" data-testid="challenge-activity">
              <UserAvatar user={item.user} size={28} />
              <span>
                {item.kind === "checkedIn"
                  ? t("challenges.activity.checkedIn", { name: item.user.displayName, day: item.day ?? 0 })
                  : item.kind === "joined"
                    ? t("challenges.activity.joined", { name: item.user.displayName })
                    : t("challenges.activity.completed", { name: item.user.displayName })}
              </span>
              <time dateTime={item.at} className="ch-meta" title={format.dateTime(item.at)}>
                {format.relative(item.at, now)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
