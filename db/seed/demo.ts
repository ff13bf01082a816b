import { sql } from "drizzle-orm";
import type { Transaction } from "../client";
import type { Role } from "../schema";
import type { AppContext } from "../../server/context";
import { createUser, hashPassword, type CurrentUser } from "../../server/identity";
import { CONTENT_SEED_STEPS } from "./content/steps";
import { GAMIFICATION_SEED_STEPS } from "./gamification/steps";
import { commerceSeedSteps } from "./commerce/products";
import { membershipSeedSteps } from "./commerce/membership";
import { rightsSeedSteps } from "./distribution/rights";
import { linksSeedSteps } from "./distribution/links";
import { earningsSeedSteps } from "./distribution/commissions";
import { mcnSeedSteps, tiersSeedSteps } from "./creators/mcn";
import { opsConsoleSeedSteps } from "./ops/console";
import { applicationsSeedSteps } from "./creators/applications";
import { campaignsSeedSteps } from "./creators/campaigns";

export const DEMO_PASSWORD = "seedbed-demo";
export const DEMO_HANDLES = ["admin", "staff", "mcn", "creator", "member"] as const;
export type DemoHandle = (typeof DEMO_HANDLES)[number];

/** Each demo account's roles; "member" is implied for all of them. */
export const DEMO_ACCOUNTS: Record<DemoHandle, { displayName: string; roles: Role[] }> = {
  admin: { displayName: "管理员 Admin", roles: ["admin"] },
  staff: { displayName: "运营小助手 Staff", roles: ["staff"] },
  mcn: { displayName: "星芽 MCN", roles: ["mcn_admin"] },
  creator: { displayName: "种草达人 Creator", roles: ["creator"] },
  member: { displayName: "社区新人 Member", roles: [] },
};

/** What earlier seed steps made, for later steps to build on (posts need authors, …). */
export interface DemoSeedState {
  users: Partial<Record<DemoHandle, CurrentUser>>;
}

export interface DemoSeedStep {
  name: string;
  run(tx: Transaction, ctx: AppContext, state: DemoSeedState): Promise<void>;
}

const demoUsers: DemoSeedStep = {
  name: "demo users",
  async run(tx, ctx, state) {
    // One hash for all five: they share the password, and argon2 is deliberately slow.
    const hash = await hashPassword(DEMO_PASSWORD);
    const now = ctx.clock.now();
    for (const handle of DEMO_HANDLES) {
      const account = DEMO_ACCOUNTS[handle];
      state.users[handle] = await createUser(tx, {
        handle,
        email: `${handle}@demo.seedbed.local`,
        password: { hash },
        displayName: account.displayName,
        roles: account.roles,
        now,
      });
    }
  },
};

/**
 * The demo seed, in order. Later features append their steps (posts, challenges, products, …); each
 * step gets the transaction and what earlier steps created.
 */
export const DEMO_SEED_STEPS: DemoSeedStep[] = [demoUsers, ...CONTENT_SEED_STEPS, ...GAMIFICATION_SEED_STEPS, ...commerceSeedSteps, ...membershipSeedSteps, ...rightsSeedSteps, ...linksSeedSteps, ...mcnSeedSteps, ...earningsSeedSteps, ...applicationsSeedSteps, ...opsConsoleSeedSteps, ...campaignsSeedSteps, ...tiersSeedSteps];

// Any constant works; it only has to be the same for every process seeding this database.
const SEED_LOCK_KEY = 7_201_911;

/**
 * Seeds the demo data once: when no user named "admin" exists. Everything happens in one
 * transaction under an advisory lock, so two processes starting together seed once, and a failed
 * seed leaves nothing half-made.
 */
export async function seedDemoOnce(ctx: AppContext): Promise<void> {
  await ctx.db.transaction(async (outer) => {
    const tx = withoutSavepoints(outer);
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const existing = await tx.execute(sql`select 1 from users where lower(handle) = 'admin' limit 1`);
    if (rowCount(existing) > 0) return;
    const state: DemoSeedState = { users: {} };
    const started = performance.now();
    const timings: Record<string, number> = {};
    for (const step of DEMO_SEED_STEPS) {
      const stepStarted = performance.now();
      await step.run(tx, ctx, state);
      timings[step.name] = Math.round(performance.now() - stepStarted);
    }
    ctx.logger.info({ steps: timings, totalMs: Math.round(performance.now() - started) }, "seeded demo data");
  });
}

/**
 * The seed's transaction, on which a nested `transaction(…)` runs its callback in place instead of
 * opening a savepoint. The seed calls the real domain functions, each of which opens its own
 * transaction — thousands of savepoints in one transaction. Every savepoint that writes takes a
 * transaction id whose lock is held until the seed commits (over 4,000 locks, so two seeds at once
 * exhausted PostgreSQL's default lock table) and past 64 of them every snapshot check consults
 * pg_subtrans, which made each later step slower than the one before. The seed never recovers from
 * an error part-way, so it needs no savepoints: any error still rolls the whole seed back.
 */
function withoutSavepoints(tx: Transaction): Transaction {
  const flat: Transaction = new Proxy(tx, {
    get(target, property, receiver) {
      if (property === "transaction") return <T>(run: (nested: Transaction) => Promise<T>) => run(flat);
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return flat;
}

/** postgres.js returns an array of rows, PGlite an object with `rows`. */
function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  return ((result as { rows?: unknown[] }).rows ?? []).length;
}
