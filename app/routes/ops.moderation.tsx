import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useT } from "~/i18n";
import { requireStaff } from "~/utils/content.server";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "moderation.nav.label");

/** Every moderation page is for staff: visitors go to log in, members get the 403 page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  return null;
}

export default function Moderation() {
  const t = useT();
  return (
    <>
      <nav className="settings-nav" aria-label={t("moderation.nav.label")}>
        <NavLink to="/ops/moderation" end>
          {t("moderation.nav.queue")}
        </NavLink>
        <NavLink to="/ops/moderation/appeals">{t("moderation.nav.appeals")}</NavLink>
        <NavLink to="/ops/moderation/keywords">{t("moderation.nav.keywords")}</NavLink>
        <NavLink to="/ops/categories">{t("moderation.nav.categories")}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
