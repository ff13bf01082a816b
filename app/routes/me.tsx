import type { MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { EmptyState } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ChevronRightIcon, GlobeIcon, KeyIcon, LogOutIcon, SettingsIcon, SproutIcon } from "~/components/icons";
import { LanguageSegmented } from "~/components/language-switcher";
import { useFormat, useT } from "~/i18n";
import { titleMeta } from "~/utils/meta";
import { useOptionalUser } from "~/utils/user";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "me.title");

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
