import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { listAuditLog, requireStaff } from "~/components/ops-console/ops-console.server";
import { useFormat, useT } from "~/i18n";
import styles from "~/styles/ops-console.css";
import { titleMeta } from "~/utils/meta";

/** Admins: every staff action with before/after, filtered by actor, subject and dates (a plain GET form). */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "opsConsole.audit.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireStaff(request, context, "read:auditLog:any");
  const url = new URL(request.url);
  const filters = {
    actor: url.searchParams.get("actor") || undefined,
    entity: url.searchParams.get("entity") || undefined,
    from: url.searchParams.get("from") || undefined,
    to: url.searchParams.get("to") || undefined,
  };
  try {
    return json({ entries: await listAuditLog(context, admin, filters), filters, invalid: false });
  } catch {
    return json({ entries: await listAuditLog(context, admin, {}), filters, invalid: true }, { status: 400 });
  }
}

export default function OpsAudit() {
  const t = useT();
  const format = useFormat();
  const { entries, filters, invalid } = useLoaderData<typeof loader>();
  const show = (v: unknown) => (v === null || v === undefined ? "—" : JSON.stringify(v, null, 1));
  return (
    <div className="stack">
      <p className="small">
        <Link to="/ops">← {t("opsConsole.title")}</Link>
      </p>
      <PageHeader title={t("opsConsole.audit.title")}>{t("opsConsole.audit.intro")}</PageHeader>
      {invalid ? (
        <p role="alert" className="card card-body">
          {t("opsConsole.invalid")}
        </p>
      ) : null}
      <Form method="get" className="card card-body row" aria-label={t("opsConsole.audit.filter")}>
        <div className="field">
          <label htmlFor="actor">{t("opsConsole.audit.actor")}</label>
          <input id="actor" name="actor" className="input" defaultValue={filters.actor ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="entity">{t("opsConsole.audit.entity")}</label>
          <input id="entity" name="entity" className="input" defaultValue={filters.entity ?? ""} placeholder="post, setting, ops.curation" />
        </div>
        <div className="field">
          <label htmlFor="from">{t("opsConsole.from")}</label>
          <input id="from" name="from" type="date" className="input" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("opsConsole.to")}</label>
          <input id="to" name="to" type="date" className="input" defaultValue={filters.to ?? ""} />
        </div>
        <button type="submit" className="btn btn-secondary">
          {t("opsConsole.audit.filter")}
        </button>
      </Form>
      {entries.length === 0 ? (
        <div className="card">
          <EmptyState icon={<span aria-hidden="true">📜</span>} title={t("opsConsole.audit.empty")} />
        </div>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {entries.map((e) => (
            <li key={e.id} className="card card-body stack" data-testid="audit-entry">
              <span>
                <strong>{e.action}</strong> · {e.subjectType} <code>{e.subjectId}</code>
              </span>
              <span className="small muted">
                {e.actor ? `${e.actor.displayName} @${e.actor.handle}` : t("opsConsole.audit.system")} · {format.dateTime(e.at)}
              </span>
              <div className="oc-grid-charts">
                <div>
                  <span className="small muted">{t("opsConsole.audit.before")}</span>
                  <pre className="oc-json">{show(e.before)}</pre>
                </div>
                <div>
                  <span className="small muted">{t("opsConsole.audit.after")}</span>
                  <pre className="oc-json">{show(e.after)}</pre>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
