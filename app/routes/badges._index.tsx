import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BadgeMedal } from "~/components/badges/badge-medal";
import { BadgeProgress } from "~/components/badges/badge-progress";
import { useBadgeName, useCriterionText } from "~/components/badges/badge-text";
import { listBadges } from "~/components/badges/badges.server";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useFormat, useT } from "~/i18n";
import badgeStyles from "~/styles/badges.css";
import { titleMeta } from "~/utils/meta";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "badges.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: badgeStyles }];

/** /badges — every enabled badge, its tier and holders; a signed-in member also sees their progress. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  return json({ badges: await listBadges(context, user), signedIn: user !== null });
}

export default function Badges() {
  const t = useT();
  const format = useFormat();
  const nameOf = useBadgeName();
  const criterionOf = useCriterionText();
  const { badges, signedIn } = useLoaderData<typeof loader>();
  const earned = badges.filter((b) => b.progress?.earned).length;
  return (
    <>
      <PageHeader title={t("badges.title")}>{t("badges.intro")}</PageHeader>
      {signedIn ? (
        <p className="badge-summary" data-testid="badge-summary">
          {t("badges.summary", { earned, total: badges.length })}
        </p>
      ) : (
        <p className="badge-summary">
          <Link to="/login?redirectTo=%2Fbadges">{t("badges.signInForProgress")}</Link>
        </p>
      )}
      {badges.length === 0 ? (
        <EmptyState icon={<BadgeMedal icon="award" tier="bronze" size={56} earned={false} />} title={t("badges.empty")} />
      ) : (
        <ul className="badge-grid" aria-label={t("badges.list.label")}>
          {badges.map((b) => (
            <li key={b.id}>
              <Link to={`/badges/${b.slug}`} className="badge-card">
                <BadgeMedal icon={b.icon} tier={b.tier} size={64} earned={!signedIn || Boolean(b.progress?.earned)} />
                <h2>{nameOf(b)}</h2>
                <div className="badge-meta">
                  <span className={`tier-pill tier-${b.tier}`}>{t("badges.tier.label", { tier: t(`badges.tier.${b.tier}`) })}</span>
                  <span>{t("badges.holders", { count: format.count(b.holderCount) })}</span>
                </div>
                <p className="badge-criterion">{criterionOf(b)}</p>
                <BadgeProgress badge={b} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
