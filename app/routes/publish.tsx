import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { PenIcon } from "~/components/icons";
import { useT } from "~/i18n";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "publish.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  return null;
}

export default function Publish() {
  const t = useT();
  return (
    <>
      <PageHeader title={t("publish.title")} />
      <div className="card">
        <EmptyState icon={<PenIcon size={44} />} title={t("publish.empty.title")}>
          {t("publish.empty.body")}
        </EmptyState>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
