import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { EmptyState, GhostFeed, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { CompassIcon, PenIcon, SproutIcon } from "~/components/icons";
import { useT } from "~/i18n";
import { titleMeta } from "~/utils/meta";
import { useOptionalUser } from "~/utils/user";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "home.title");

export default function Home() {
  const t = useT();
  const user = useOptionalUser();
  return (
    <>
      <PageHeader title={t("home.heading")}>
        {user ? t("home.welcome", { name: user.displayName }) : t("app.tagline")}
      </PageHeader>
      <EmptyState
        icon={<SproutIcon size={44} />}
        title={t("home.empty.title")}
        actions={
          <>
            <Link to="/discover" className="btn btn-secondary">
              <CompassIcon size={20} />
              {t("home.empty.discover")}
            </Link>
            <Link to="/publish" className="btn btn-primary">
              <PenIcon size={20} />
              {t("home.empty.publish")}
            </Link>
          </>
        }
      >
        {t("home.empty.body")}
      </EmptyState>
      <GhostFeed />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
