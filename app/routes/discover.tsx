import type { MetaFunction } from "@remix-run/node";
import { EmptyState, GhostFeed, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { CompassIcon } from "~/components/icons";
import { useT } from "~/i18n";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "discover.title");

export default function Discover() {
  const t = useT();
  return (
    <>
      <PageHeader title={t("discover.heading")} />
      <EmptyState icon={<CompassIcon size={44} />} title={t("discover.empty.title")}>
        {t("discover.empty.body")}
      </EmptyState>
      <GhostFeed />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
