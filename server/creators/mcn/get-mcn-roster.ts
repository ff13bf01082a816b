import { eq, sql } from "drizzle-orm";
import { mcns } from "../../../db/schema";
import type { AppContext } from "../../context";
import { can, type CurrentUser } from "../../identity";
import { AppError } from "../../shared/errors";
import { balanceOf } from "../../ledger";
import { mcnEarnings, mcnPending } from "../../distribution/commissions/accounts";
import { rowsOf } from "../../shared/sql-rows";
import { requireMcnAdmin } from "./access";
import { mcnContracts } from "../../../db/schema";
import type { ContractView, InvitationView, McnView } from "./schemas";
import { contractViews, invitationViews, mcnViews } from "./views";

const DAY = 86_400_000;

export interface RosterRow {
  contract: ContractView;
  posts: number;
  followers: number;
  /**
   * The last 30 days, net of refunds: orders through the creator's links, their commission (both shares)
   * and the MCN's share — what the refunds' reversals left of it, so a partial refund lowers it exactly as
   * much as it lowers the MCN's ledger balance.
   */
  gmvCents: number;
  orders: number;
  commissionCents: number;
  mcnShareCents: number;
}

export interface McnRoster {
  mcn: McnView;
  rows: RosterRow[];
  invitations: InvitationView[];
  /** The MCN's money: its share still in the holding period, and confirmed. */
  pendingCents: number;
  earningsCents: number;
  history: ContractView[];
}

/**
 * One MCN's roster: each signed creator's notes, followers, 30-day GMV and commission, the open
 * invitations, the contract history and the MCN's balance. That MCN's admins and platform admins see it,
 * and so do staff who review payouts (an MCN's payout request links here: they look before paying);
 * anyone else is told it does not exist (see requireMcnAdmin). Reading it changes nothing.
 */
export async function getMcnRoster(ctx: Pick<AppContext, "db" | "clock">, user: CurrentUser | null, mcnId: string): Promise<McnRoster> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(mcnId)) throw new AppError("NOT_FOUND", "creators.mcn.notFound");
  if (user && can(user, "manage:payouts:any")) {
    const [found] = await ctx.db.select({ id: mcns.id }).from(mcns).where(eq(mcns.id, mcnId));
    if (!found) throw new AppError("NOT_FOUND", "creators.mcn.notFound");
  } else {
    await requireMcnAdmin(ctx.db, user, mcnId);
  }
  const since = new Date(ctx.clock.now().getTime() - 30 * DAY);
  const [mcn] = await mcnViews(ctx.db, eq(mcns.id, mcnId));
  const live = await contractViews(ctx.db, sql`${mcnContracts.mcnId} = ${mcnId} and ${mcnContracts.status} in ('active', 'ending')`);
  const history = await contractViews(ctx.db, sql`${mcnContracts.mcnId} = ${mcnId} and ${mcnContracts.status} = 'ended'`, 50);
  const ids = live.map((c) => c.creator.id);
  const stats = new Map<string, Omit<RosterRow, "contract">>();
  if (ids.length > 0) {
    const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
    const rows = rowsOf<{ id: string; posts: number; followers: number; gmv: string; orders: string; commission: string; share: string }>(
      await ctx.db.execute(sql`
        select u.id,
          coalesce(s.post_count, 0) as posts,
          coalesce(s.follower_count, 0) as followers,
          coalesce((select sum(o.total_cents - o.refunded_cents) from orders o
            where o.creator_id = u.id and o.paid_at >= ${since.toISOString()}::timestamptz and o.status in ('paid', 'confirmed', 'partially_refunded', 'refunded')), 0) as gmv,
          (select count(*) from orders o where o.creator_id = u.id and o.paid_at >= ${since.toISOString()}::timestamptz and o.status in ('paid', 'confirmed', 'partially_refunded')) as orders,
          coalesce((select sum(c.amount_cents + c.mcn_share_cents - c.reversed_cents) from commissions c where c.creator_id = u.id and c.created_at >= ${since.toISOString()}::timestamptz), 0) as commission,
          coalesce((select sum(c.mcn_share_cents - (c.reversed_cents - coalesce((select -sum(e.amount_cents) from commission_events e
              where e.commission_id = c.id and e.reason in ('reversed_full', 'reversed_partial', 'clawed_back')), 0)))
            from commissions c where c.creator_id = u.id and c.mcn_id = ${mcnId} and c.created_at >= ${since.toISOString()}::timestamptz), 0) as share
        from users u left join user_stats s on s.user_id = u.id
        where u.id in (${idList})`),
    );
    for (const r of rows) {
      stats.set(r.id, { posts: Number(r.posts), followers: Number(r.followers), gmvCents: Number(r.gmv), orders: Number(r.orders), commissionCents: Number(r.commission), mcnShareCents: Number(r.share) });
    }
  }
  const empty = { posts: 0, followers: 0, gmvCents: 0, orders: 0, commissionCents: 0, mcnShareCents: 0 };
  const [pendingCents, earningsCents] = await Promise.all([balanceOf(ctx.db, mcnPending(mcnId)), balanceOf(ctx.db, mcnEarnings(mcnId))]);
  return {
    mcn: mcn!,
    rows: live.map((contract) => ({ contract, ...(stats.get(contract.creator.id) ?? empty) })),
    invitations: await invitationViews(ctx.db, sql`mcn_invitations.mcn_id = ${mcnId} and mcn_invitations.status = 'invited'`),
    pendingCents,
    earningsCents,
    history,
  };
}
