import { sql } from "drizzle-orm";
import { raiseFraudFlag } from "../../../server/distribution/fraud";
import { syncDistributionRights } from "../../../server/distribution/rights";
import { rowsOf } from "../../../server/shared/sql-rows";
import type { DemoSeedStep } from "../demo";

/**
 * Distribution rights as the engine decides them for the demo's accounts — creators on the creator
 * path, the demo member through the quarterly card, staff and admin as staff — each with its history
 * row; and one open fraud flag (a high refund rate on a seeded creator) for the staff page to show.
 */
export const rightsSeedSteps: DemoSeedStep[] = [
  {
    name: "distribution rights",
    run: async (tx, ctx) => {
      const now = ctx.clock.now();
      const people = rowsOf<{ id: string; handle: string }>(
        await tx.execute(sql`
          select u.id, u.handle from users u
          where lower(u.handle) in ('creator', 'member', 'staff', 'admin')
             or exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'creator')
          order by u.handle`),
      );
      for (const p of people) await syncDistributionRights(tx, p.id, now, { reason: "seed", timeZone: ctx.config.platformTimeZone });
      const flagged = people.find((p) => p.handle.toLowerCase() !== "creator" && !["member", "staff", "admin"].includes(p.handle.toLowerCase())) ?? people.find((p) => p.handle.toLowerCase() === "creator");
      if (flagged) {
        await raiseFraudFlag(tx, { userId: flagged.id, kind: "refund_rate", details: { orders: 8, refunded: 3, windowDays: 30, at: now.toISOString() }, now });
      }
    },
  },
];
