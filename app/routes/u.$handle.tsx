import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BadgeWall } from "~/components/badges/badge-wall";
import { levelStandingOf, listUserBadges } from "~/components/badges/badges.server";
import { LevelProgress } from "~/components/badges/level-progress";
import { EmptyState } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FeedGrid } from "~/components/feed-grid";
import { LockIcon } from "~/components/feed-icons";
import { FeedTabs } from "~/components/feed-nav";
import { ToastProvider } from "~/components/feed-toast";
import { FollowButton } from "~/components/follow-button";
import { PenIcon, SettingsIcon, SproutIcon } from "~/components/icons";
import { UserAvatar } from "~/components/user-avatar";
import { fanBadgeOf } from "~/components/campaigns/note-state.server";
import { useFormat, useT } from "~/i18n";
import badgeStyles from "~/styles/badges.css";
import {
  FEED_PAGE_SIZE,
  cursorOf,
  followUser,
  getProfile,
  listFavorites,
  listUserPosts,
  parseIntent,
  profileIntentSchema,
  rethrowAsResponse,
  runIntent,
  safeFeedPage,
  unfollowUser,
  type FeedPage,
} from "~/utils/feed.server";
import { resolveLocale } from "~/utils/locale.server";
import { getUser, requireUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.profile.user.displayName} (@${data.profile.user.handle}) · Seedbed` }] : [];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: badgeStyles }];

const TABS = ["notes", "favorites"] as const;
type ProfileTab = (typeof TABS)[number];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await getUser(request, context);
  const profile = await getProfile(context, params.handle ?? "", viewer).catch(rethrowAsResponse);
  const url = new URL(request.url);
  const tab: ProfileTab = url.searchParams.get("tab") === "favorites" ? "favorites" : "notes";
  const cursor = cursorOf(url);
  // Favourites are private: only their owner's page asks for them.
  const locked = tab === "favorites" && !profile.isMe;
  const feed: FeedPage = locked
    ? { items: [], nextCursor: null }
    : await safeFeedPage(
        (c) =>
          tab === "favorites"
            ? listFavorites(context, profile.user.id, viewer, { cursor: c, limit: FEED_PAGE_SIZE })
            : listUserPosts(context, profile.user.id, viewer, { cursor: c, limit: FEED_PAGE_SIZE }),
        cursor,
      ).catch(rethrowAsResponse);
  // The badge wall and the level line under the header: public, like the counters beside them.
  const [badges, level, fanBadge] = await Promise.all([listUserBadges(context, profile.user.id), levelStandingOf(context, profile.user.id), fanBadgeOf(context, profile.user.id)]);
  return json({ profile, tab, locked, feed, badges, level, fanBadge });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const intent = parseIntent(await request.formData(), profileIntentSchema);
  return intent.intent === "follow"
    ? runIntent(intent.intent, locale, () => followUser(context, user, intent.userId))
    : runIntent(intent.intent, locale, () => unfollowUser(context, user, intent.userId));
}

function Stat({ value, label }: { value: number; label: string }) {
  const format = useFormat();
  return (
    <li className="profile-stat">
      <span className="profile-stat-value">{format.count(value)}</span>
      <span className="profile-stat-label">{label}</span>
    </li>
  );
}

export default function ProfilePage() {
  const t = useT();
  const { profile, tab, locked, feed, badges, level, fanBadge } = useLoaderData<typeof loader>();
  const { user, stats, isMe } = profile;
  const base = `/u/${encodeURIComponent(user.handle)}`;
  return (
    <ToastProvider>
      <section className="profile-hero" aria-labelledby="profile-name">
        <div className="profile-hero-head">
          <UserAvatar user={user} size={76} className="profile-avatar" />
          <div className="profile-hero-text">
            <h1 id="profile-name" className="profile-name">
              {user.displayName}
            </h1>
            <p className="profile-handle" data-testid="profile-handle">
              @{user.handle}
            </p>
          </div>
        </div>
        <p className={user.bio ? "profile-bio" : "profile-bio muted"}>{user.bio || t("feed.profile.noBio")}</p>
        <LevelProgress standing={level} />
        <div className="profile-hero-foot">
          <ul className="profile-stats" aria-label={t("feed.profile.stats")}>
            <Stat value={stats.following} label={t("feed.profile.following")} />
            <Stat value={stats.followers} label={t("feed.profile.followers")} />
            <Stat value={stats.likesAndFavoritesReceived} label={t("feed.profile.received")} />
          </ul>
          {/* A creator's fan group (粉丝团): its size, and the way in. */}
          {fanBadge ? (
            <Link to={`/u/${user.handle}/fans`} className="chip">
              {t("fans.badge", { count: fanBadge.count })}
            </Link>
          ) : null}
          {isMe ? (
            <Link to="/settings/profile" className="btn btn-secondary btn-small">
              <SettingsIcon size={16} />
              {t("feed.profile.edit")}
            </Link>
          ) : (
            <FollowButton userId={user.id} following={profile.followedByMe} name={user.displayName} />
          )}
        </div>
      </section>

      <BadgeWall grants={badges} isMe={isMe} />

      <FeedTabs
        label={t("feed.profile.tabs")}
        current={tab}
        hrefOf={(value) => (value === "notes" ? base : `${base}?tab=${value}`)}
        tabs={TABS.map((value) => ({ value, label: t(`feed.profile.tab.${value}`) }))}
      />

      {locked ? (
        <EmptyState icon={<LockIcon size={44} />} title={t("feed.profile.favoritesLocked")}>
          {t("feed.profile.favoritesLocked.body", { name: user.displayName })}
        </EmptyState>
      ) : (
        <FeedGrid
          key={tab}
          page={feed}
          label={t(`feed.profile.tab.${tab}`)}
          showStatus={isMe}
          pageHref={(cursor) => `${base}?${new URLSearchParams(tab === "notes" ? { cursor } : { tab, cursor })}`}
          empty={
            <EmptyState
              icon={<SproutIcon size={44} />}
              title={tab === "favorites" ? t("feed.profile.favorites.empty") : isMe ? t("feed.profile.notes.emptyMine") : t("feed.profile.notes.empty")}
              actions={
                isMe && tab === "notes" ? (
                  <Link to="/publish" className="btn btn-primary">
                    <PenIcon size={20} />
                    {t("home.empty.publish")}
                  </Link>
                ) : null
              }
            />
          }
        />
      )}
    </ToastProvider>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
