import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { CopyButton } from "~/components/copy-button";
import { useT } from "~/i18n";
import { useOptionalUser } from "~/utils/user";

type ShareState = { canShare: boolean; link: { id: string; url: string } | null };

/**
 * "分享赚佣金" on a product or note page, for members with distribution rights: create the member's
 * link (or show the one they have) with copy, QR code and poster. It asks /me/links/share whether the
 * member may share once the page is hydrated and hides itself when not; without JavaScript a signed-in
 * member sees the create button, which posts a plain form and lands on the link's page.
 */
export function ShareLinkPanel({ targetType, targetId }: { targetType: "product" | "post"; targetId: string }) {
  const t = useT();
  const user = useOptionalUser();
  const state = useFetcher<ShareState>();
  const query = new URLSearchParams({ targetType, targetId }).toString();
  useEffect(() => {
    if (user && state.state === "idle" && !state.data) state.load(`/me/links/share?${query}`);
  }, [user, query, state]);
  if (!user || state.data?.canShare === false) return null;
  const link = state.data?.link ?? null;
  const headingId = `share-${targetId}`;
  return (
    // Styled with the app's global classes only: the panel sits on pages that don't load the links stylesheet.
    <section className="card card-body stack" style={{ gap: 10, margin: "12px 16px", borderColor: "var(--accent)" }} aria-labelledby={headingId}>
      <strong id={headingId}>{t("distribution.links.share.title")}</strong>
      {link ? (
        <>
          <div className="row" style={{ gap: 8, flexWrap: "wrap" }}>
            <label className="visually-hidden" htmlFor={`${headingId}-url`}>
              {t("distribution.links.url")}
            </label>
            <input id={`${headingId}-url`} className="input" style={{ flex: "1 1 180px", minWidth: 0 }} readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={link.url} label={t("distribution.links.copy")} />
          </div>
          <div className="row" style={{ gap: 8, flexWrap: "wrap" }}>
            <a className="btn btn-secondary btn-small" href={`/me/links/${link.id}/poster.png`} download>
              {t("distribution.links.poster")}
            </a>
            <a className="btn btn-ghost btn-small" href={`/me/links/${link.id}/qr.png`} target="_blank" rel="noreferrer">
              {t("distribution.links.qr")}
            </a>
            <Link className="btn btn-ghost btn-small" to={`/me/links/${link.id}`}>
              {t("distribution.links.stats")}
            </Link>
          </div>
        </>
      ) : (
        <Form method="post" action="/me/links/share" className="stack" style={{ gap: 8, alignItems: "flex-start" }}>
          <input type="hidden" name="targetType" value={targetType} />
          <input type="hidden" name="targetId" value={targetId} />
          <span className="muted small">{t("distribution.links.share.hint")}</span>
          <button type="submit" className="btn btn-primary btn-small">
            {t("distribution.links.share.create")}
          </button>
        </Form>
      )}
    </section>
  );
}
