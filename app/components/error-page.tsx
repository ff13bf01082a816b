import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useT, type UiKey } from "~/i18n";

const PAGES: Record<number, { title: UiKey; body: UiKey }> = {
  404: { title: "error.notFound.title", body: "error.notFound.body" },
  403: { title: "error.forbidden.title", body: "error.forbidden.body" },
};

/** A friendly page for a status: 404 and 403 say what happened; anything else apologises. */
export function ErrorPage({ status, requestId }: { status: number; requestId?: string }) {
  const t = useT();
  const page = PAGES[status] ?? { title: "error.generic.title", body: "error.generic.body" };
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code" aria-hidden="true">
        {status}
      </p>
      <h1 id="error-title">{t(page.title)}</h1>
      <p>{t(page.body)}</p>
      <Link to="/" className="btn btn-primary">
        {t("error.backHome")}
      </Link>
      {status >= 500 && requestId ? <p className="mono small">{t("error.requestId", { id: requestId })}</p> : null}
    </section>
  );
}

/**
 * The error boundary routes export: thrown responses (404 from a loader, 403 from a guard) show
 * their page; unexpected errors show a generic one. Details stay in the server log.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<{ requestId?: string }>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return <ErrorPage status={status} requestId={root?.requestId} />;
}
