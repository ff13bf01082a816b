import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import { requirePermission, type CurrentUser } from "../../identity";
import { rowsOf } from "../../shared/sql-rows";
import { RECRUIT_PERMISSION } from "./list-candidates";
import type { FunnelView } from "./schemas";

/**
 * The recruitment funnel over every invitation: invited → applied → approved → first sale. Each stage
 * counts the invitations that reached it (so the bars only shrink); the first sale is read from the
 * commissions table — the invited member's first commission as a creator — so it needs no bookkeeping of
 * its own and can never disagree with earnings.
 */
export async function recruitmentFunnel(ctx: Pick<AppContext, "db">, staff: CurrentUser | null): Promise<FunnelView> {
  requirePermission(staff, RECRUIT_PERMISSION);
  const [row] = rowsOf<{ invited: number; applied: number; approved: number; first_sale: number }>(
    await ctx.db.execute(sql`
      select count(*)::int as invited,
        count(*) filter (where ci.status in ('applied', 'approved', 'first_sale') or ci.applied_at is not null)::int as applied,
        count(*) filter (where ci.status in ('approved', 'first_sale') or ci.approved_at is not null)::int as approved,
        count(*) filter (where (ci.status in ('approved', 'first_sale') or ci.approved_at is not null)
          and exists (select 1 from commissions c where c.creator_id = ci.user_id))::int as first_sale
      from creator_invitations ci`),
  );
  return { invited: Number(row?.invited ?? 0), applied: Number(row?.applied ?? 0), approved: Number(row?.approved ?? 0), firstSale: Number(row?.first_sale ?? 0) };
}
