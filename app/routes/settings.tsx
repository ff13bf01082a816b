import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useT } from "~/i18n";
import { requireUser } from "~/utils/session.server";

/** Every settings page needs a signed-in user; visitors go to log in and come back. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  return null;
}

export default function Settings() {
  const t = useT();
  return (
    <>
      <PageHeader title={t("settings.title")} />
      <nav className="settings-nav" aria-label={t("settings.nav")}>
        <NavLink to="/settings/profile">{t("settings.profile.title")}</NavLink>
        <NavLink to="/settings/tokens">{t("settings.tokens.title")}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
