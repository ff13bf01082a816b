// The ops context: settings, the audit log (and, with the creator issue, tags, segments and curation).
export { recordAudit, type AuditInput } from "./audit";
export { readSetting, writeSetting, writeSystemSetting } from "./settings";
