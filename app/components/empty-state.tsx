import type { ReactNode } from "react";

/** What a page shows before there is anything to show: a friendly picture, a line, a way forward. */
export function EmptyState({
  icon,
  title,
  children,
  actions,
}: {
  icon: ReactNode;
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="empty-state">
      <div className="empty-state-art">{icon}</div>
      <h2>{title}</h2>
      {children ? <p>{children}</p> : null}
      {actions ? <div className="row">{actions}</div> : null}
    </section>
  );
}

/** Grey note cards in the two-column waterfall, hinting at the feed that will fill the space. */
export function GhostFeed() {
  return (
    <div className="ghost-grid" aria-hidden="true">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="ghost-card">
          <div className="ghost-cover" />
          <div className="ghost-lines">
            <div className="ghost-line" />
            <div className="ghost-line short" />
          </div>
        </div>
      ))}
    </div>
  );
}

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {children ? <p>{children}</p> : null}
      </div>
    </div>
  );
}
