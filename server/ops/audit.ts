import type { Queryable } from "../../db/client";
import { auditLog } from "../../db/schema";

export interface AuditInput {
  actorId: string | null;
  /** `context.subject.verb`, e.g. `gamification.rule.updated`. */
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  at: Date;
}

/** Records one staff action with what it changed; call it in the transaction that makes the change. */
export async function recordAudit(tx: Queryable, input: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: input.actorId,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    before: input.before ?? null,
    after: input.after ?? null,
    at: input.at,
  });
}
