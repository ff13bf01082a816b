import { useFormat, useT, type TFunction } from "~/i18n";
import type { AuditEntryView } from "./points.server";

/** An audit entry as the page holds it (after JSON; the before/after values are whatever was stored). */
type AuditRow = Pick<AuditEntryView, "id" | "subjectType" | "subjectId" | "at"> & {
  actor: { displayName: string } | null;
  before?: unknown;
  after?: unknown;
};

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** The fields an audit entry changed, as "points: 1 → 2" (nested values such as the expiry policy as JSON). */
export function changedFields(before: unknown, after: unknown): { field: string; from: string; to: string }[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ field: k, from: show(b[k]), to: show(a[k]) }));
}

function subjectOf(t: TFunction, e: AuditRow, ruleNames: Record<string, string>): string {
  if (e.subjectType === "setting") return t("points.ops.subject.policy");
  if (e.subjectType === "level") return t("points.ops.subject.level", { level: e.subjectId });
  return ruleNames[e.subjectId] ?? e.subjectId;
}

/** Who changed what and when, newest first, with each changed field's old and new value. */
export function AuditList({ entries, ruleNames = {} }: { entries: readonly AuditRow[]; ruleNames?: Record<string, string> }) {
  const t = useT();
  const format = useFormat();
  if (entries.length === 0) return <p className="muted">{t("points.ops.auditEmpty")}</p>;
  return (
    <ol className="pt-audit" data-testid="audit-list">
      {entries.map((e) => (
        <li key={e.id}>
          <div className="row">
            <strong>{t("points.ops.auditBy", { name: e.actor?.displayName ?? t("points.ops.auditSystem"), subject: subjectOf(t, e, ruleNames) })}</strong>
            <time className="muted small" dateTime={e.at}>
              {format.dateTime(e.at)}
            </time>
          </div>
          <ul>
            {changedFields(e.before, e.after).map((c) => (
              <li key={c.field}>
                <code>{c.field}</code> {c.from} → {c.to}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
