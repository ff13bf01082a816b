import { asc, inArray } from "drizzle-orm";
import { outboxEvents, type OutboxEvent } from "../../schema";
import { awardForEvent, awardsForEvent, POINTS_EVENTS } from "../../../server/gamification/points";
import type { DemoSeedStep } from "../demo";

/** Besides the demo accounts, this many of the most active members get their history at seed time. */
const ACTIVE_MEMBERS = 3;
/** Each of them gets at most their latest this many awards now (the seed must stay fast); the rest come from the worker. */
const AWARDS_EACH = 40;

/**
 * A points history for the demo accounts and the most active members, from the activity the content
 * steps just made. Those steps went through the real domain functions, so their events wait in the
 * outbox; this step pays the awards of some of those events now, with the very keys the points
 * consumer uses (`points:event:<eventId>:<ruleKey>`). When the worker later delivers the same events
 * it finds the keys taken and pays nothing twice — and it pays everyone else's awards (and the older
 * ones of these members) then. Events go in outbox order with their own times, so daily caps and
 * level-ups fall on the days they would have.
 */
const pointsHistory: DemoSeedStep = {
  name: "demo points history and levels",
  async run(tx, ctx, state) {
    const events = await tx
      .select()
      .from(outboxEvents)
      .where(inArray(outboxEvents.type, Object.values(POINTS_EVENTS)))
      .orderBy(asc(outboxEvents.id));
    const planned = events.map((event) => ({ event, awards: awardsForEvent(event as OutboxEvent) }));

    const activity = new Map<string, number>();
    for (const { awards } of planned) for (const a of awards) activity.set(a.userId, (activity.get(a.userId) ?? 0) + 1);
    const demo = Object.values(state.users).flatMap((u) => (u ? [u.id] : []));
    const active = [...activity.entries()]
      .filter(([id]) => !demo.includes(id))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, ACTIVE_MEMBERS)
      .map(([id]) => id);
    const chosen = new Set([...demo, ...active]);

    const taken = new Map<string, number>();
    const latest = [...planned].reverse().filter(({ awards }) =>
      awards.some((a) => {
        if (!chosen.has(a.userId) || (taken.get(a.userId) ?? 0) >= AWARDS_EACH) return false;
        taken.set(a.userId, (taken.get(a.userId) ?? 0) + 1);
        return true;
      }),
    );
    for (const { event } of latest.reverse()) await awardForEvent(tx, event as OutboxEvent, ctx);
  },
};

/** Demo data of the points area, run in order after the content steps (see ./steps.ts). */
export const pointsSeedSteps: DemoSeedStep[] = [pointsHistory];
