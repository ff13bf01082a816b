import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList } from "~/components/forms";
import { formFailure, listCreatorMetrics, requireStaff } from "~/components/ops-console/ops-console.server";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/ops-console.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/**
 * The creator board (staff and admins): each creator's GMV, commission, orders, new buyers, clicks and
 * conversion over a date range, the top creators by GMV as a chart, every column sortable by a plain link
 * and the filter a plain GET form — all of it works without JavaScript. The table scrolls sideways on a
 * phone; each creator links to their day-by-day page.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "opsCreators.title");

// The server's CREATOR_SORTS, repeated here because page code may not import server modules.
const COLUMNS = ["creator", "gmv", "commission", "orders", "newBuyers", "clicks", "conversion"] as const;
type Column = (typeof COLUMNS)[number];
const TOP = 10;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "read:metrics:any");
  const url = new URL(request.url);
  const param = (k: string) => url.searchParams.get(k) || undefined;
  const query = { from: param("from"), to: param("to"), sort: param("sort"), dir: param("dir"), creator: param("creator"), cursor: param("cursor") };
  try {
    const board = await listCreatorMetrics(context, staff, query as Parameters<typeof listCreatorMetrics>[2]);
    const top = await listCreatorMetrics(context, staff, { from: board.from, to: board.to, creator: query.creator, limit: TOP });
    return json({ board, top: top.items, query, fields: {} as Record<string, string[]> });
  } catch (error) {
    // A hand-edited URL (an unknown column, an inverted range, a stale cursor) shows the default board
    // with the field's message next to it, rather than an error page.
    const { failure } = formFailure(error, resolveLocale(request, staff));
    const board = await listCreatorMetrics(context, staff, {});
    const top = await listCreatorMetrics(context, staff, { from: board.from, to: board.to, limit: TOP });
    return json({ board, top: top.items, query, fields: failure.fields }, { status: 400 });
  }
}

export default function OpsCreators() {
  const t = useT();
  const format = useFormat();
  const { board, top, query, fields } = useLoaderData<typeof loader>();
  const invalid = Object.keys(fields).length > 0;
  const label = (c: Column) => t(`opsCreators.col.${c}` as UiKey);
  const range = new URLSearchParams({ from: board.from, to: board.to });
  const href = (extra: Record<string, string>) => {
    const p = new URLSearchParams({ from: board.from, to: board.to, sort: board.sort, dir: board.dir });
    if (query.creator && !invalid) p.set("creator", query.creator);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return `?${p.toString()}`;
  };
  // A column's header link sorts by it, highest first (the handle: A→Z); on the sorted column it flips.
  const sortHref = (c: Column) => href({ sort: c, dir: board.sort === c ? (board.dir === "desc" ? "asc" : "desc") : c === "creator" ? "asc" : "desc" });
  const percent = (bp: number) => `${(bp / 100).toFixed(2)}%`;
  return (
    <div className="stack">
      <p className="small">
        <Link to="/ops">← {t("opsConsole.title")}</Link>
      </p>
      <PageHeader title={t("opsCreators.title")}>{t("opsCreators.intro")}</PageHeader>
      {invalid ? (
        <p role="alert" className="card card-body">
          {t("opsConsole.invalid")}
        </p>
      ) : null}
      <Form method="get" className="card card-body row" style={{ flexWrap: "wrap" }} aria-label={t("opsCreators.filter")}>
        <div className="field">
          <label htmlFor="from">{t("opsConsole.from")}</label>
          <input id="from" name="from" type="date" className="input" defaultValue={invalid ? (query.from ?? "") : board.from} aria-invalid={fields.from ? true : undefined} aria-describedby={fields.from ? "from-errors" : undefined} />
          <ErrorList id="from-errors" errors={fields.from} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("opsConsole.to")}</label>
          <input id="to" name="to" type="date" className="input" defaultValue={invalid ? (query.to ?? "") : board.to} aria-invalid={fields.to ? true : undefined} aria-describedby={fields.to ? "to-errors" : undefined} />
          <ErrorList id="to-errors" errors={fields.to} />
        </div>
        <div className="field">
          <label htmlFor="creator">{t("opsCreators.handle")}</label>
          <input id="creator" name="creator" className="input" maxLength={40} autoCapitalize="none" defaultValue={query.creator ?? ""} aria-invalid={fields.creator ? true : undefined} aria-describedby={fields.creator ? "creator-errors" : undefined} />
          <ErrorList id="creator-errors" errors={fields.creator} />
        </div>
        <div className="field">
          <label htmlFor="sort">{t("opsCreators.sort")}</label>
          <select id="sort" name="sort" className="input" defaultValue={board.sort} aria-invalid={fields.sort ? true : undefined} aria-describedby={fields.sort ? "sort-errors" : undefined}>
            {COLUMNS.map((c) => (
              <option key={c} value={c}>
                {label(c)}
              </option>
            ))}
          </select>
          <ErrorList id="sort-errors" errors={fields.sort} />
        </div>
        <div className="field">
          <label htmlFor="dir">{t("opsCreators.dir")}</label>
          <select id="dir" name="dir" className="input" defaultValue={board.dir} aria-invalid={fields.dir ? true : undefined} aria-describedby={fields.dir ? "dir-errors" : undefined}>
            <option value="desc">{t("opsCreators.dir.desc")}</option>
            <option value="asc">{t("opsCreators.dir.asc")}</option>
          </select>
          <ErrorList id="dir-errors" errors={fields.dir} />
        </div>
        <button type="submit" className="btn btn-secondary">
          {t("opsConsole.apply")}
        </button>
      </Form>
      {fields.cursor ? <ErrorList errors={fields.cursor} /> : null}
      <p className="small muted">{board.computedAt ? t("opsConsole.computedAt", { time: format.dateTime(board.computedAt) }) : t("opsConsole.neverComputed")}</p>
      {top.length > 0 ? <TopCreatorsChart creators={top} range={range.toString()} /> : null}
      <section className="card card-body stack" aria-labelledby="creator-board">
        <h2 id="creator-board" className="section-title">
          {t("opsCreators.title")} <span className="small muted">{t("opsCreators.total", { n: board.total })}</span>
        </h2>
        {board.items.length === 0 ? (
          <EmptyState icon={<span aria-hidden="true">📊</span>} title={t("opsCreators.empty")} />
        ) : (
          <div className="oc-scroll">
            <table className="oc-table oc-cohorts" data-testid="creator-board">
              <caption className="visually-hidden">{t("opsCreators.title")}</caption>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c} scope="col" aria-sort={board.sort === c ? (board.dir === "asc" ? "ascending" : "descending") : undefined}>
                      <Link to={sortHref(c)} aria-label={t("opsCreators.sortBy", { column: label(c) })}>
                        {label(c)}
                        {board.sort === c ? (board.dir === "asc" ? " ↑" : " ↓") : ""}
                      </Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {board.items.map((c) => (
                  <tr key={c.creatorId}>
                    <th scope="row">
                      <Link to={`/ops/creators/${c.creatorId}?${range.toString()}`}>{c.displayName}</Link> <span className="small muted">@{c.handle}</span>
                    </th>
                    <td>{format.money(c.gmvCents)}</td>
                    <td>{format.money(c.commissionCents)}</td>
                    <td>{format.count(c.orders)}</td>
                    <td>{format.count(c.newBuyers)}</td>
                    <td>{format.count(c.clicks)}</td>
                    <td>{percent(c.conversionBp)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="row" aria-label={t("opsCreators.title")}>
          {query.cursor && !invalid ? (
            <Link to={href({})} className="btn btn-secondary">
              {t("opsCreators.first")}
            </Link>
          ) : null}
          {board.nextCursor ? (
            <Link to={href({ cursor: board.nextCursor })} className="btn btn-secondary" rel="next">
              {t("opsCreators.next")}
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}

/**
 * The top creators by GMV as horizontal bars (names don't fit under vertical ones on a phone), in the
 * dashboard charts' manner: an SVG with role img, a description, a tooltip per bar, a table fallback.
 */
function TopCreatorsChart({ creators, range }: { creators: { creatorId: string; handle: string; displayName: string; gmvCents: number }[]; range: string }) {
  const t = useT();
  const format = useFormat();
  const row = 26;
  const width = 340;
  const left = 96;
  const right = 70;
  const top = 6;
  const height = top + creators.length * row + 18;
  const max = Math.max(1, ...creators.map((c) => c.gmvCents));
  const w = (v: number) => (v / max) * (width - left - right);
  const short = (s: string) => (s.length > 8 ? `${s.slice(0, 7)}…` : s);
  return (
    <figure className="card card-body stack oc-figure" data-testid="top-creators-chart">
      <figcaption className="oc-figure-head">
        <strong id="top-gmv-title">{t("opsCreators.topChart", { n: creators.length })}</strong>
      </figcaption>
      <svg className="oc-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="top-gmv-title top-gmv-desc">
        <desc id="top-gmv-desc">{t("opsCreators.topChart.desc", { n: creators.length, peak: format.money(creators[0]?.gmvCents ?? 0) })}</desc>
        <line className="oc-axis" x1={left} x2={left} y1={top} y2={height - 18} />
        <line className="oc-axis" x1={left} x2={width - right} y1={height - 18} y2={height - 18} />
        <text className="oc-tick" x={left} y={height - 4} textAnchor="start">
          0
        </text>
        <text className="oc-tick" x={width - right} y={height - 4} textAnchor="end">
          {format.money(max)}
        </text>
        {creators.map((c, i) => {
          const y = top + i * row;
          return (
            <g key={c.creatorId}>
              <title>{`${c.displayName} (@${c.handle}): ${format.money(c.gmvCents)}`}</title>
              <text className="oc-tick" x={left - 6} y={y + row / 2 + 4} textAnchor="end">
                {short(c.displayName)}
              </text>
              {c.gmvCents > 0 ? <rect className="oc-bar" x={left} y={y + 4} width={Math.max(1.5, w(c.gmvCents))} height={row - 8} rx={2} /> : null}
              <text className="oc-tick" x={left + w(c.gmvCents) + 4} y={y + row / 2 + 4} textAnchor="start">
                {format.money(c.gmvCents)}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary className="small muted">{t("opsConsole.chart.table")}</summary>
        <table className="oc-table">
          <thead>
            <tr>
              <th scope="col">{t("opsCreators.col.creator")}</th>
              <th scope="col">{t("opsCreators.col.gmv")}</th>
            </tr>
          </thead>
          <tbody>
            {creators.map((c) => (
              <tr key={c.creatorId}>
                <td>
                  <Link to={`/ops/creators/${c.creatorId}?${range}`}>{c.displayName}</Link>
                </td>
                <td>{format.money(c.gmvCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
