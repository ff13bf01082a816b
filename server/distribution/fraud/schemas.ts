import { z } from "zod";
import { FRAUD_KINDS } from "../../../db/schema";

/** Inputs and views of fraud flags (staff). Messages are keys of server/shared/messages/fraud.ts. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

export const listFraudFlagsQuerySchema = z.strictObject({
  status: z.enum(["open", "resolved"], { error: "validation.invalid" }).default("open"),
  limit: z.coerce.number({ error: "validation.integer" }).int("validation.integer").min(1).max(100).default(50),
});
export type ListFraudFlagsQuery = z.input<typeof listFraudFlagsQuerySchema>;

export const resolveFraudFlagSchema = z.strictObject({
  note: z
    .string({ error: (issue) => (issue.input === undefined ? "validation.required" : undefined) })
    .trim()
    .min(1, "fraud.resolve.note")
    .max(500, "fraud.resolve.note"),
});
export type ResolveFraudFlagInput = z.input<typeof resolveFraudFlagSchema>;

const userSummary = z.object({ id: z.uuid(), handle: z.string(), displayName: z.string() });

export const fraudFlagViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(FRAUD_KINDS),
  member: userSummary,
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: userSummary.nullable(),
  resolution: z.string().nullable(),
});
export type FraudFlagView = z.input<typeof fraudFlagViewSchema>;
