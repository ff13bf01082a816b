import { z } from "zod";
import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { localDate } from "../../shared/clock";
import { getPointsSummary } from "./get-points-summary";
import { listLevels } from "./levels";
import { listPointsLedger } from "./list-points-ledger";
import { listPointRules, policyForm, updatePointRule, updatePointsPolicy } from "./manage-rules";
import { readPointsPolicy } from "./policy";
import { ledgerPageInputSchema, levelUpdateSchema, pointRuleUpdateSchema, pointsPolicyUpdateSchema } from "./schemas";
import { updateLevel } from "./update-level";

const tags = ["points"];
const int = () => z.number().int();

export const levelProgressSchema = z.object({
  level: int(),
  name: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  growth: int(),
  levelAt: int(),
  nextLevel: int().nullable(),
  nextLevelAt: int().nullable(),
  remaining: int(),
  percent: int(),
});

export const pointsSummarySchema = z.object({
  points: int(),
  pendingPoints: int(),
  growth: int(),
  streak: int(),
  level: levelProgressSchema,
});

const ledgerLineSchema = z.object({
  id: z.uuid(),
  occurredAt: z.iso.datetime(),
  reason: z.string(),
  reasonText: z.string(),
  ruleKey: z.string().nullable(),
  ruleName: z.string().nullable(),
  points: int(),
  pendingPoints: int(),
  growth: int(),
  capped: z.boolean(),
  post: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  memo: z.record(z.string(), z.unknown()),
});

const ruleSchema = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  points: int(),
  growth: int(),
  dailyCap: int().nullable(),
  enabled: z.boolean(),
  updatedAt: z.iso.datetime(),
});

const policySchema = z.object({
  globalDailyCap: int(),
  expiryMode: z.enum(["never", "days", "endOfNextYear"]),
  expiryDays: int().optional(),
  reminderDays: int(),
});

const levelSchema = z.object({
  level: int(),
  nameZh: z.string(),
  nameEn: z.string(),
  minGrowth: int(),
  dailyCapBonus: int(),
  multiplierBp: int(),
  perksZh: z.string(),
  perksEn: z.string(),
});

// Path parameters name things; a name that isn't one of them is 404 (from the domain), not a field error.
const ruleKeyParam = z.object({ key: z.string().max(100) });
const levelParam = z.object({ level: z.string().max(64) });
const levelNumber = (raw: string) => (/^[1-9]$/.test(raw) ? Number(raw) : 0);

/** The /api/v1 operations of the points area (listed in server/http/api/operations.ts through ../api.ts). */
export const pointsOperations: ApiOperation[] = [
  defineOperation({
    operationId: "listPointsLedger",
    method: "get",
    path: "/me/points/ledger",
    summary: "The signed-in member's points ledger, newest first, with reasons",
    description:
      "One line per journal entry about the member: points and growth deltas, the rule that priced it, its reason in the " +
      "caller's language and facts such as the note it was about. `capped` lines paid nothing because a daily cap was " +
      "reached. Pass `nextCursor` back as `cursor` for the next page.",
    tags,
    auth: "read:points:own",
    query: ledgerPageInputSchema,
    response: z.object({ items: z.array(ledgerLineSchema), nextCursor: z.string().nullable() }),
    handler: ({ ctx, user, query, locale }) => listPointsLedger(ctx, user.id, query, locale),
  }),
  defineOperation({
    operationId: "getPointsSummary",
    method: "get",
    path: "/me/points",
    summary: "The signed-in member's points, pending points, growth, level progress and streak",
    tags,
    auth: "read:points:own",
    response: pointsSummarySchema,
    handler: ({ ctx, user, locale }) => getPointsSummary(ctx.db, user.id, { today: localDate(ctx.clock.now(), ctx.config.platformTimeZone), locale }),
  }),
  defineOperation({
    operationId: "listLevels",
    method: "get",
    path: "/levels",
    summary: "The level table: names, growth thresholds and perks",
    tags,
    auth: "public",
    response: z.object({ levels: z.array(levelSchema) }),
    handler: async ({ ctx }) => ({ levels: await listLevels(ctx.db) }),
  }),
  defineOperation({
    operationId: "updateLevel",
    method: "put",
    path: "/ops/levels/:level",
    summary: "Staff: change one level's names, threshold and perks (audited)",
    description: "V1 stays at 0 growth and thresholds must rise strictly from level to level; otherwise 422 on `minGrowth`.",
    tags,
    auth: "manage:rules:any",
    params: levelParam,
    body: levelUpdateSchema,
    response: z.object({ level: levelSchema }),
    handler: async ({ ctx, user, params, body }) => ({ level: await updateLevel(ctx, user, levelNumber(params.level), body) }),
  }),
  defineOperation({
    operationId: "listPointRules",
    method: "get",
    path: "/ops/points/rules",
    summary: "Staff: every points rule and the points policy",
    tags,
    auth: "manage:rules:any",
    response: z.object({ rules: z.array(ruleSchema), policy: policySchema }),
    handler: async ({ ctx }) => ({ rules: await listPointRules(ctx.db), policy: policyForm(await readPointsPolicy(ctx.db)) }),
  }),
  defineOperation({
    operationId: "updatePointRule",
    method: "put",
    path: "/ops/points/rules/:key",
    summary: "Staff: change one rule's points, growth, daily cap and switch (audited)",
    description: "`dailyCap` null means no cap. Awards already paid stay as they were.",
    tags,
    auth: "manage:rules:any",
    params: ruleKeyParam,
    body: pointRuleUpdateSchema,
    response: z.object({ rule: ruleSchema }),
    handler: async ({ ctx, user, params, body }) => ({ rule: await updatePointRule(ctx, user, params.key, body) }),
  }),
  defineOperation({
    operationId: "updatePointsPolicy",
    method: "put",
    path: "/ops/points/policy",
    summary: "Staff: change the global daily cap, the expiry policy and the reminder lead time (audited)",
    description: "`expiryDays` is required when `expiryMode` is `days`. A new expiry applies to points earned from now on.",
    tags,
    auth: "manage:rules:any",
    body: pointsPolicyUpdateSchema,
    response: z.object({ policy: policySchema }),
    handler: async ({ ctx, user, body }) => ({ policy: policyForm(await updatePointsPolicy(ctx, user, body)) }),
  }),
];
