import { and, asc, eq, ne } from "drizzle-orm";
import { userRoles, users } from "../../schema";
import type { AppContext } from "../../../server/context";
import { acceptMcnInvitation, createMcn, inviteToMcn } from "../../../server/creators/mcn";
import { recomputeCreatorTiers } from "../../../server/creators/tiers";
import { findCurrentUser } from "../../../server/identity";
import { FixedClock, localDate } from "../../../server/shared/clock";
import type { DemoSeedStep } from "../demo";

const DAY = 86_400_000;

/**
 * The demo MCN, made the way an MCN admin and creators make it: `mcn` founds 星芽传媒 40 days ago and
 * invites `creator` (15 %) and two community creators; the first three sign (so every later order through
 * their links — the earnings seed's included — gives the MCN its share), and one more creator's
 * invitation is still open. Runs before the earnings step for that reason.
 */
export const mcnSeedSteps: DemoSeedStep[] = [
  {
    name: "mcn organisation and contracts",
    async run(tx, ctx, state) {
      const admin = state.users.mcn;
      const creator = state.users.creator;
      if (!admin || !creator) return;
      const now = ctx.clock.now();
      const at = (when: Date) => ({ ...ctx, db: tx as unknown as AppContext["db"], clock: new FixedClock(when) });
      const founded = new Date(now.getTime() - 40 * DAY);
      const tz = ctx.config.platformTimeZone;
      const mcn = await createMcn(at(founded), admin, { name: "星芽传媒", description: "专注美妆护肤与生活方式的创作者机构。" });
      const others = await tx
        .select({ id: users.id, handle: users.handle })
        .from(userRoles)
        .innerJoin(users, eq(users.id, userRoles.userId))
        .where(and(eq(userRoles.role, "creator"), ne(users.id, creator.id)))
        .orderBy(asc(users.handle))
        .limit(3);
      const signees: { handle: string; shareBp: number }[] = [{ handle: creator.handle, shareBp: 1_500 }, ...others.slice(0, 2).map((o, i) => ({ handle: o.handle, shareBp: 2_000 + i * 500 }))];
      const terms = { startsOn: localDate(founded, tz), endsOn: localDate(new Date(now.getTime() + 365 * DAY), tz) };
      for (const [i, s] of signees.entries()) {
        const invitedAt = new Date(founded.getTime() + (i + 1) * 60 * 60_000);
        const inv = await inviteToMcn(at(invitedAt), admin, mcn.id, { creatorHandle: s.handle, shareBp: s.shareBp, ...terms, message: "欢迎加入星芽传媒，一起把好物讲清楚。" });
        const who = s.handle === creator.handle ? creator : await findCurrentUser(tx, others.find((o) => o.handle === s.handle)!.id);
        if (who) await acceptMcnInvitation(at(new Date(invitedAt.getTime() + 3 * 60 * 60_000)), who, inv.id);
      }
      const waiting = others[2];
      if (waiting) {
        await inviteToMcn(at(new Date(now.getTime() - 2 * DAY)), admin, mcn.id, { creatorHandle: waiting.handle, shareBp: 2_000, startsOn: localDate(now, tz), endsOn: terms.endsOn, message: "看好你的内容，期待合作！" });
      }
    },
  },
];

/** Every creator's tier, computed as the nightly job does once everything else is seeded. */
export const tiersSeedSteps: DemoSeedStep[] = [
  {
    name: "creator tiers",
    async run(tx, ctx) {
      await recomputeCreatorTiers({ ...ctx, db: tx as unknown as AppContext["db"] });
    },
  },
];
