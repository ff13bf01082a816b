import type { MetaFunction } from "@remix-run/node";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { CalendarCheckIcon } from "~/components/icons";
import { useT } from "~/i18n";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "checkin.title");

export default function CheckIn() {
  const t = useT();
  return (
    <>
      <PageHeader title={t("checkin.heading")} />
      <div className="card">
        <EmptyState icon={<CalendarCheckIcon size={44} />} title={t("checkin.empty.title")}>
          {t("checkin.empty.body")}
        </EmptyState>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
