import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { BellIcon } from "~/components/icons";
import { useT } from "~/i18n";
import { titleMeta } from "~/utils/meta";
import { useOptionalUser } from "~/utils/user";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "messages.title");

export default function Messages() {
  const t = useT();
  const user = useOptionalUser();
  return (
    <>
      <PageHeader title={t("messages.heading")} />
      <div className="card">
        <EmptyState
          icon={<BellIcon size={44} />}
          title={t("messages.empty.title")}
          actions={
            user ? null : (
              <Link to="/login?redirectTo=%2Fmessages" className="btn btn-primary">
                {t("auth.login")}
              </Link>
            )
          }
        >
          {user ? t("messages.empty.body") : t("messages.loggedOut")}
        </EmptyState>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
