import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CopyButton } from "~/components/copy-button";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { Toast } from "~/components/forms";
import { ClicksPerDayChart } from "~/components/distribution-links/link-charts";
import { LinkStats } from "~/components/distribution-links/link-stats";
import { archiveDistributionLink, getDistributionLink, requestOrigin } from "~/components/distribution-links/links.server";
import { useFormat, useT } from "~/i18n";
import linkStyles from "~/styles/distribution-links.css";
import { rethrowAsResponse } from "~/utils/feed.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

/** One of the member's links: the short URL to copy, its QR code and poster, stats and clicks per day. */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: linkStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "distribution.links.detail.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const link = await getDistributionLink(context, user, params.id ?? "", { origin: requestOrigin(request) }).catch(rethrowAsResponse);
  return json({ link, isNew: new URL(request.url).searchParams.has("new") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  if (form.get("intent") !== "archive") throw json(null, { status: 400 });
  await archiveDistributionLink(context, user, params.id ?? "").catch(rethrowAsResponse);
  return redirect("/me/links?status=archived");
}

export default function LinkDetailPage() {
  const t = useT();
  const format = useFormat();
  const { link, isNew } = useLoaderData<typeof loader>();
  const archived = link.archivedAt !== null;
  return (
    <div className="stack">
      <PageHeader title={link.target.title} />
      {isNew ? <Toast>{t("distribution.links.created")}</Toast> : null}
      <section className="card card-body stack" aria-labelledby="share-heading">
        <h2 id="share-heading" className="dl-h2">
          {t("distribution.links.share.title")}
        </h2>
        {archived ? (
          <p className="muted">{t("distribution.links.archivedNote", { date: format.date(link.archivedAt!) })}</p>
        ) : (
          <>
            <div className="dl-url">
              <label className="visually-hidden" htmlFor="link-url">
                {t("distribution.links.url")}
              </label>
              <input id="link-url" className="input" readOnly value={link.url} />
              <CopyButton text={link.url} label={t("distribution.links.copy")} />
            </div>
            <div className="row" style={{ gap: 16, alignItems: "flex-end", flexWrap: "wrap" }}>
              <img className="dl-qr" src={`/me/links/${link.id}/qr.png`} alt={t("distribution.links.qrAlt", { url: link.url })} width={160} height={160} />
              <div className="stack" style={{ gap: 8 }}>
                <a className="btn btn-primary" href={`/me/links/${link.id}/poster.png`} download={`poster-${link.code}.png`}>
                  {t("distribution.links.poster")}
                </a>
                <a className="btn btn-secondary" href={`/me/links/${link.id}/qr.png`} download={`qr-${link.code}.png`}>
                  {t("distribution.links.qrDownload")}
                </a>
              </div>
            </div>
          </>
        )}
        <p className="small muted">
          {t("distribution.links.points")} <Link to={link.target.path}>{link.target.title}</Link>
          {link.target.priceCents !== null ? ` · ${format.money(link.target.priceCents)}` : ""}
        </p>
      </section>
      <section className="card card-body stack" aria-labelledby="stats-heading">
        <h2 id="stats-heading" className="dl-h2">
          {t("distribution.links.statsTitle")}
        </h2>
        <LinkStats stats={link.stats} />
        <ClicksPerDayChart days={link.daily} />
        <p className="small muted">{t("distribution.links.uncounted", { count: link.uncountedClicks })}</p>
      </section>
      {!archived ? (
        <details className="confirm">
          <summary className="btn btn-ghost btn-small">{t("distribution.links.archive")}</summary>
          <div className="confirm-panel">
            <p>{t("distribution.links.archiveConfirm")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="archive" />
              <button type="submit" className="btn btn-danger btn-small">
                {t("distribution.links.archiveYes")}
              </button>
            </Form>
          </div>
        </details>
      ) : null}
      <p>
        <Link to="/me/links">← {t("distribution.links.title")}</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
