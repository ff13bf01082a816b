import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useOutlet, type ShouldRevalidateFunction } from "@remix-run/react";
import type { ReactNode } from "react";
import { EmptyState } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import {
  BellIcon,
  CalendarCheckIcon,
  CheckIcon,
  ChevronRightIcon,
  CompassIcon,
  GlobeIcon,
  KeyIcon,
  LogOutIcon,
  PenIcon,
  PlusIcon,
  SettingsIcon,
  SproutIcon,
} from "~/components/icons";
import { LanguageSegmented } from "~/components/language-switcher";
import { PointsCard } from "~/components/points/points-card";
import { getPointsSummary, platformToday } from "~/components/points/points.server";
import { useFormat, useT, type UiKey } from "~/i18n";
import pointsStyles from "~/styles/points.css";
import { can } from "~/utils/content.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { getUser } from "~/utils/session.server";
import { useOptionalUser } from "~/utils/user";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "me.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: pointsStyles }];

/**
 * The member's level, points and streak for the card; which staff tools they may open. Pages under
 * /me/… (points, redemptions) are child routes that replace this page, so they skip the card's reads.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (new URL(request.url).pathname.replace(/\/+$/, "") !== "/me") return json({ summary: null, staff: false });
  const user = await getUser(request, context);
  if (!user) return json({ summary: null, staff: false });
  const summary = await getPointsSummary(context.db, user.id, { today: platformToday(context), locale: resolveLocale(request, user) });
  return json({ summary, staff: can(user, "manage:rules:any") });
}

/** The loader's answer depends on the path (the card only on /me itself), so moving between /me and a child reloads it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  currentUrl.pathname !== nextUrl.pathname || defaultShouldRevalidate;

type Hub = { to: string; key: UiKey; Icon: typeof SproutIcon };
const MEMBER_LINKS: Hub[] = [
  { to: "/me/points", key: "points.links.points", Icon: SproutIcon },
  { to: "/levels", key: "points.links.levels", Icon: CompassIcon },
  { to: "/checkin", key: "points.links.checkin", Icon: CalendarCheckIcon },
  { to: "/challenges", key: "points.links.challenges", Icon: CheckIcon },
  { to: "/campaigns", key: "campaigns.title", Icon: CompassIcon },
  { to: "/badges", key: "points.links.badges", Icon: BellIcon },
  { to: "/rewards", key: "points.links.rewards", Icon: PlusIcon },
  { to: "/me/redemptions", key: "points.links.redemptions", Icon: PenIcon },
  { to: "/products", key: "shop.title", Icon: PlusIcon },
  { to: "/me/orders", key: "orders.mine.title", Icon: PenIcon },
  { to: "/me/links", key: "distribution.links.nav", Icon: GlobeIcon },
  { to: "/me/earnings", key: "earnings.nav", Icon: SproutIcon },
  { to: "/me/distribution", key: "rights.title", Icon: CheckIcon },
  { to: "/creator/application", key: "creatorApplication.nav", Icon: PenIcon },
  { to: "/creator/tier", key: "tier.nav", Icon: CompassIcon },
  { to: "/mcn/invitations", key: "mcn.inv.nav", Icon: CheckIcon },
  { to: "/mcn", key: "mcn.nav", Icon: GlobeIcon },
  { to: "/membership", key: "membership.title", Icon: PlusIcon },
  { to: "/leaderboards", key: "points.links.leaderboards", Icon: CompassIcon },
];
const STAFF_LINKS: Hub[] = [
  { to: "/ops", key: "opsConsole.nav", Icon: SettingsIcon },
  { to: "/ops/points", key: "points.links.opsPoints", Icon: SettingsIcon },
  { to: "/ops/levels", key: "points.links.opsLevels", Icon: SettingsIcon },
  { to: "/ops/badges", key: "points.links.opsBadges", Icon: SettingsIcon },
  { to: "/ops/rewards", key: "points.links.opsRewards", Icon: SettingsIcon },
  { to: "/ops/redemptions", key: "points.links.opsRedemptions", Icon: SettingsIcon },
  { to: "/ops/products", key: "ops.products.title", Icon: SettingsIcon },
  { to: "/ops/orders", key: "ops.orders.title", Icon: SettingsIcon },
  { to: "/ops/stores", key: "ops.stores.title", Icon: SettingsIcon },
  { to: "/ops/attribution", key: "distribution.attribution.nav", Icon: SettingsIcon },
  { to: "/ops/payouts", key: "payouts.queue.nav", Icon: SettingsIcon },
  { to: "/ops/campaigns", key: "campaigns.ops.title", Icon: SettingsIcon },
  { to: "/ops/distribution-rights", key: "ops.nav.eligibility", Icon: SettingsIcon },
  { to: "/ops/membership", key: "ops.nav.membership", Icon: SettingsIcon },
  { to: "/ops/fraud", key: "ops.nav.fraud", Icon: SettingsIcon },
  { to: "/ops/creators/applications", key: "opsApplications.nav", Icon: SettingsIcon },
  { to: "/ops/creators/candidates", key: "opsCandidates.nav", Icon: SettingsIcon },
  { to: "/ops/creator-tiers", key: "tier.ops.nav", Icon: SettingsIcon },
  { to: "/challenges/new", key: "points.links.newChallenge", Icon: PlusIcon },
];

function HubLinks({ title, links }: { title: string; links: Hub[] }) {
  const t = useT();
  return (
    <>
      <h2 className="section-title">{title}</h2>
      <ul className="card list">
        {links.map(({ to, key, Icon }) => (
          <SettingsLink key={to} to={to} icon={<Icon size={20} />} title={t(key)} hint={t(`${key}.hint` as UiKey)} />
        ))}
      </ul>
    </>
  );
}

function SettingsLink({ to, icon, title, hint }: { to: string; icon: ReactNode; title: string; hint: string }) {
  return (
    <li className="list-item">
      <Link to={to} className="list-link">
        <span className="list-icon">{icon}</span>
        <span className="list-text">
          <span>{title}</span>
          <span>{hint}</span>
        </span>
        <ChevronRightIcon className="list-chevron" size={20} />
      </Link>
    </li>
  );
}

function LanguageCard() {
  const t = useT();
  return (
    <div className="card lang-row">
      <span className="row">
        <span className="list-icon">
          <GlobeIcon size={20} />
        </span>
        <span className="field-label" id="lang-label">
          {t("lang.label")}
        </span>
      </span>
      <LanguageSegmented />
    </div>
  );
}

export default function Me() {
  const t = useT();
  const format = useFormat();
  const user = useOptionalUser();
  const { summary, staff } = useLoaderData<typeof loader>();
  // A child page (/me/points, /me/redemptions) is shown instead of the 我 page, not below it.
  const outlet = useOutlet();
  if (outlet) return outlet;

  if (!user) {
    return (
      <>
        <div className="card">
          <EmptyState
            icon={<SproutIcon size={44} />}
            title={t("me.loggedOut.title")}
            actions={
              <>
                <Link to="/signup?redirectTo=%2Fme" className="btn btn-primary">
                  {t("auth.signup")}
                </Link>
                <Link to="/login?redirectTo=%2Fme" className="btn btn-secondary">
                  {t("auth.login")}
                </Link>
              </>
            }
          >
            {t("me.loggedOut.body")}
          </EmptyState>
        </div>
        <h2 className="section-title">{t("me.settings")}</h2>
        <LanguageCard />
      </>
    );
  }

  return (
    <>
      <h1 className="visually-hidden">{t("me.title")}</h1>
      <section className="card profile-card" aria-labelledby="profile-name">
        <div className="profile-head">
          <div className="avatar" aria-hidden="true">
            {Array.from(user.displayName)[0]?.toUpperCase() ?? "?"}
          </div>
          <div>
            <p id="profile-name" className="profile-name">
              {user.displayName}
            </p>
            <p className="profile-handle" data-testid="profile-handle">
              @{user.handle}
            </p>
          </div>
        </div>
        <p className={user.bio ? undefined : "muted"}>{user.bio || t("me.noBio")}</p>
        <div className="row">
          <ul className="chips" aria-label={t("me.roles")}>
            {user.roles.map((role) => (
              <li key={role} className="chip">
                {t(`role.${role}`)}
              </li>
            ))}
          </ul>
          <span className="muted small">{t("me.joined", { date: format.date(user.createdAt) })}</span>
        </div>
      </section>

      {summary ? <PointsCard summary={summary} /> : null}
      <HubLinks title={t("points.links.title")} links={MEMBER_LINKS} />
      {staff ? <HubLinks title={t("points.links.staff")} links={STAFF_LINKS} /> : null}

      <h2 className="section-title">{t("me.settings")}</h2>
      <ul className="card list">
        <SettingsLink
          to={`/u/${user.handle}`}
          icon={<SproutIcon size={20} />}
          title={t("feed.me.profile")}
          hint={t("feed.me.profile.hint")}
        />
        <SettingsLink
          to="/settings/profile"
          icon={<SettingsIcon size={20} />}
          title={t("me.profileSettings")}
          hint={t("me.profileSettings.hint")}
        />
        <SettingsLink to="/settings/tokens" icon={<KeyIcon size={20} />} title={t("me.tokens")} hint={t("me.tokens.hint")} />
      </ul>

      <div className="stack me-actions">
        <LanguageCard />
        <Form method="post" action="/logout">
          <button type="submit" className="btn btn-secondary btn-block">
            <LogOutIcon size={20} />
            {t("auth.logout")}
          </button>
        </Form>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
