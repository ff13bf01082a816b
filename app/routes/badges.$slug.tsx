import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BadgeMedal } from "~/components/badges/badge-medal";
import { BadgeProgress } from "~/components/badges/badge-progress";
import { useBadgeName, useCriterionText } from "~/components/badges/badge-text";
import { getBadge } from "~/components/badges/badges.server";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ChevronRightIcon } from "~/components/icons";
import { UserAvatar } from "~/components/user-avatar";
import { useFormat, useLocale, useT } from "~/i18n";
import badgeStyles from "~/styles/badges.css";
import { rethrowAsResponse } from "~/utils/feed.server";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: `${data.badge.nameZh} · Seedbed` }] : []);
export const links: LinksFunction = () => [{ rel: "stylesheet", href: badgeStyles }];

/** /badges/:slug — what the badge is, how it is earned, where the reader stands, and who holds it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
  return json(await getBadge(context, params.slug ?? "", user, { cursor }).catch(rethrowAsResponse));
}

export default function BadgePage() {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const nameOf = useBadgeName();
  const criterionOf = useCriterionText();
  const { badge, holders } = useLoaderData<typeof loader>();
  const description = locale === "en" ? badge.descriptionEn : badge.descriptionZh;
  return (
    <div className="stack">
      <nav aria-label={t("badges.detail.back")}>
        <Link to="/badges">{t("badges.detail.back")}</Link>
      </nav>
      <section className="card card-body badge-hero" aria-labelledby="badge-name">
        <BadgeMedal icon={badge.icon} tier={badge.tier} size={104} earned={!badge.progress || badge.progress.earned} />
        <h1 id="badge-name">{nameOf(badge)}</h1>
        <div className="badge-meta">
          <span className={`tier-pill tier-${badge.tier}`}>{t("badges.tier.label", { tier: t(`badges.tier.${badge.tier}`) })}</span>
          <span>{t("badges.holders", { count: format.count(badge.holderCount) })}</span>
          {badge.multiple ? <span>{t("badges.multiple")}</span> : null}
          {badge.certificate ? <span>{t("badges.certificate")}</span> : null}
        </div>
        {description ? <p>{description}</p> : null}
        <p>
          <strong>{t("badges.detail.howTo")}：</strong>
          {criterionOf(badge)}
        </p>
        <BadgeProgress badge={badge} />
      </section>

      <section className="card card-body stack" aria-labelledby="holders-title">
        <h2 id="holders-title">{t("badges.detail.holders")}</h2>
        {holders.items.length === 0 ? (
          <p className="muted">{t("badges.detail.noHolders")}</p>
        ) : (
          <ul className="holder-list">
            {holders.items.map((h) => (
              <li key={h.user.id}>
                <Link to={`/u/${encodeURIComponent(h.user.handle)}`}>
                  <UserAvatar user={h.user} size={40} />
                  <span className="holder-text">
                    <span className="holder-name">
                      {h.user.displayName}
                      {h.times > 1 ? ` ${t("badges.detail.times", { count: h.times })}` : ""}
                    </span>
                    <span className="holder-since">{t("badges.detail.since", { date: format.date(h.firstGrantedAt) })}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {holders.nextCursor ? (
          <Link className="btn btn-secondary" to={`?cursor=${encodeURIComponent(holders.nextCursor)}`}>
            {t("badges.detail.more")}
            <ChevronRightIcon size={18} />
          </Link>
        ) : null}
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
