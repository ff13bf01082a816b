import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { LevelChart } from "~/components/points/level-chart";
import { LevelProgressBar } from "~/components/points/level-progress";
import { getPointsSummary, listLevelHistory, listLevels, platformToday } from "~/components/points/points.server";
import { useFormat, useLocale, useT } from "~/i18n";
import pointsStyles from "~/styles/points.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "points.levels.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: pointsStyles }];

/** The level table for everyone; a signed-in member also gets their progress and level history. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const levels = await listLevels(context.db);
  if (!user) return json({ levels, summary: null, history: [] });
  const [summary, history] = await Promise.all([
    getPointsSummary(context.db, user.id, { today: platformToday(context), locale: resolveLocale(request, user) }),
    listLevelHistory(context.db, user.id),
  ]);
  return json({ levels, summary, history });
}

export default function Levels() {
  const t = useT();
  const locale = useLocale();
  const format = useFormat();
  const { levels, summary, history } = useLoaderData<typeof loader>();
  const current = summary?.level.level ?? null;
  return (
    <div className="stack">
      <PageHeader title={t("points.levels.title")}>{t("points.levels.intro")}</PageHeader>

      <section className="card card-body stack" aria-labelledby="my-level">
        <h2 id="my-level">{t("points.levels.mine")}</h2>
        {summary ? (
          <LevelProgressBar progress={summary.level} />
        ) : (
          <p className="row">
            <span className="muted">{t("points.levels.loginHint")}</span>
            <Link to="/login?redirectTo=%2Flevels" className="btn btn-primary btn-small">
              {t("points.levels.login")}
            </Link>
          </p>
        )}
        <LevelChart levels={levels} growth={summary ? summary.level.growth : null} />
      </section>

      <section className="card card-body stack" aria-labelledby="level-table">
        <h2 id="level-table">{t("points.levels.table")}</h2>
        <table className="pt-table">
          <thead>
            <tr>
              <th scope="col">{t("points.levels.col.level")}</th>
              <th scope="col">{t("points.levels.col.name")}</th>
              <th scope="col" className="num">
                {t("points.levels.col.threshold")}
              </th>
              <th scope="col">{t("points.levels.col.perks")}</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => (
              <tr key={l.level} aria-current={l.level === current ? "true" : undefined}>
                <th scope="row">
                  <span className="pt-level-chip">{t("points.level.short", { level: l.level })}</span>
                  {l.level === current ? <span className="visually-hidden">{t("points.levels.current")}</span> : null}
                </th>
                <td>{locale === "en" ? l.nameEn : l.nameZh}</td>
                <td className="num">{format.count(l.minGrowth)}</td>
                <td>{locale === "en" ? l.perksEn : l.perksZh}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {summary ? (
        <section className="card card-body stack" aria-labelledby="level-history">
          <h2 id="level-history">{t("points.levels.history")}</h2>
          {history.length === 0 ? (
            <p className="muted">{t("points.levels.historyEmpty")}</p>
          ) : (
            <ul className="pt-history">
              {history.map((h) => (
                <li key={`${h.at}-${h.toLevel}`}>
                  <strong>{t("points.levels.historyItem", { from: h.fromLevel, to: h.toLevel })}</strong>
                  <span className="muted small">{t("points.levels.historyGrowth", { growth: format.count(h.growth) })}</span>
                  <time className="muted small" dateTime={h.at}>
                    {format.date(h.at)}
                  </time>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
