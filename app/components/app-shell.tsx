import { Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT, type UiKey } from "~/i18n";
import { CalendarCheckIcon, ChatIcon, CompassIcon, HomeIcon, PlusIcon, SproutIcon, UserIcon } from "./icons";
import { LanguageToggle } from "./language-switcher";
import { SearchIcon } from "./search-box";
import { UnreadTabIcon, useLiveUnreadCount, useMessagesTabLabel } from "./notification-badge";
import { LevelUpCelebration } from "./points/level-up-celebration";

const TABS: { to: string; label: UiKey; Icon: typeof HomeIcon }[] = [
  { to: "/", label: "nav.home", Icon: HomeIcon },
  { to: "/discover", label: "nav.discover", Icon: CompassIcon },
  { to: "/checkin", label: "nav.checkin", Icon: CalendarCheckIcon },
  { to: "/messages", label: "nav.messages", Icon: ChatIcon },
  { to: "/me", label: "nav.me", Icon: UserIcon },
];

function Brand() {
  const t = useT();
  return (
    <Link to="/" className="brand" aria-label={t("app.name")}>
      <span className="brand-mark">
        <SproutIcon size={20} />
      </span>
      <span className="brand-name">{t("app.name")}</span>
    </Link>
  );
}

/**
 * The frame around every page: a top bar and a bottom tab bar on phones, a side rail from tablet
 * width up. Both navs are real links, so everything works before JavaScript loads.
 */
export function AppShell({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  const t = useT();
  // The floating publish button belongs to the five tab pages; on forms it would cover the submit button.
  const { pathname } = useLocation();
  const onTabPage = TABS.some((tab) => tab.to === pathname);
  const unread = useLiveUnreadCount(signedIn);
  const messagesLabel = useMessagesTabLabel(unread);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>

      <header className="topbar">
        <Brand />
        <div className="topbar-actions">
          <Link to="/search" className="btn btn-ghost btn-lang" aria-label={t("search.open")} title={t("search.open")} data-testid="header-search">
            <SearchIcon size={20} />
          </Link>
          <LanguageToggle />
          {signedIn ? null : (
            <Link to="/login" className="btn btn-primary btn-small">
              {t("auth.login")}
            </Link>
          )}
        </div>
      </header>

      <aside className="rail">
        <Brand />
        <nav className="rail-nav" aria-label={t("nav.label")}>
          {TABS.map(({ to, label, Icon }) => (
            <NavLink
              key={to}
              to={to}
              end={to === "/"}
              className="rail-link"
              title={t(label)}
              aria-label={to === "/messages" ? messagesLabel : undefined}
            >
              {to === "/messages" ? <UnreadTabIcon Icon={Icon} count={unread} testId="unread-badge-rail" /> : <Icon />}
              <span className="rail-label">{t(label)}</span>
            </NavLink>
          ))}
        </nav>
        <Link to="/publish" className="btn btn-primary rail-publish" title={t("nav.publish")}>
          <PlusIcon size={20} />
          <span className="rail-label">{t("nav.publish")}</span>
        </Link>
        <div className="rail-footer">
          <LanguageToggle variant="rail" />
          {signedIn ? null : (
            <Link to="/login" className="btn btn-secondary btn-block" title={t("auth.login")}>
              <UserIcon size={20} />
              <span className="rail-label">{t("auth.login")}</span>
            </Link>
          )}
        </div>
      </aside>

      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>

      <LevelUpCelebration signedIn={signedIn} />

      {onTabPage ? (
        <Link to="/publish" className="fab" aria-label={t("nav.publish")}>
          <PlusIcon size={28} />
        </Link>
      ) : null}

      <nav className="tabbar" aria-label={t("nav.label")}>
        {TABS.map(({ to, label, Icon }) => (
          <NavLink key={to} to={to} end={to === "/"} className="tab" aria-label={to === "/messages" ? messagesLabel : undefined}>
            {to === "/messages" ? <UnreadTabIcon Icon={Icon} size={24} count={unread} testId="unread-badge" /> : <Icon size={24} />}
            <span>{t(label)}</span>
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
