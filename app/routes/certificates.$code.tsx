import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BadgeMedal } from "~/components/badges/badge-medal";
import { useBadgeName } from "~/components/badges/badge-text";
import { formatCertificateCode, getCertificate } from "~/components/badges/badges.server";
import { CopyButton } from "~/components/copy-button";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { AlertIcon, CheckIcon } from "~/components/icons";
import { UserAvatar } from "~/components/user-avatar";
import { useFormat, useT } from "~/i18n";
import badgeStyles from "~/styles/badges.css";
import { rethrowAsResponse } from "~/utils/feed.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: badgeStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.certificate.badge.nameZh} · ${data.certificate.member.displayName} · Seedbed` },
        { property: "og:title", content: `${data.certificate.member.displayName} · ${data.certificate.badge.nameZh}` },
        { property: "og:image", content: data.imageUrl },
      ]
    : [];

/**
 * /certificates/:code — the public verification page of one badge grant: who, which badge, when,
 * and whether it still stands. Anyone with the link may check it; a wrong code is a 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const certificate = await getCertificate(context, params.code ?? "").catch(rethrowAsResponse);
  const origin = context.config.publicUrl ?? new URL(request.url).origin;
  const verifyUrl = `${origin}/certificates/${certificate.code}`;
  return json({ certificate, verifyUrl, imageUrl: `${verifyUrl}.png`, number: formatCertificateCode(certificate.code) });
}

export default function CertificatePage() {
  const t = useT();
  const format = useFormat();
  const nameOf = useBadgeName();
  const { certificate: c, verifyUrl, number } = useLoaderData<typeof loader>();
  const imagePath = `/certificates/${c.code}.png`;
  return (
    <div className="stack">
      <PageHeader title={t(c.badge.certificate ? "badges.certificate.title" : "badges.certificate.titleBadge")} />
      <section
        className={`card card-body certificate-status ${c.valid ? "certificate-valid" : "certificate-revoked"}`}
        role="status"
        data-testid="certificate-status"
      >
        {c.valid ? <CheckIcon size={28} /> : <AlertIcon size={28} />}
        <div>
          <h2>{t(c.valid ? "badges.certificate.valid" : "badges.certificate.revoked")}</h2>
          <p>{c.valid ? t("badges.certificate.validBody") : t("badges.certificate.revokedBody", { date: format.date(c.revokedAt ?? c.grantedAt) })}</p>
        </div>
      </section>
      <section className="card card-body stack" aria-label={t("badges.certificate.title")}>
        <div className="row">
          <BadgeMedal icon={c.badge.icon} tier={c.badge.tier} size={64} earned={c.valid} />
          <div>
            <Link to={`/badges/${c.badge.slug}`}>
              <strong>{nameOf(c.badge)}</strong>
            </Link>
            <p className="muted">{t("badges.tier.label", { tier: t(`badges.tier.${c.badge.tier}`) })}</p>
          </div>
        </div>
        <dl className="certificate-facts">
          <dt>{t("badges.certificate.holder")}</dt>
          <dd>
            <Link to={`/u/${encodeURIComponent(c.member.handle)}`} className="row">
              <UserAvatar user={c.member} size={28} />
              <span>
                {c.member.displayName} <span className="muted">@{c.member.handle}</span>
              </span>
            </Link>
          </dd>
          <dt>{t("badges.certificate.badge")}</dt>
          <dd>{nameOf(c.badge)}</dd>
          <dt>{t("badges.certificate.date")}</dt>
          <dd>{format.date(c.grantedAt)}</dd>
          <dt>{t("badges.certificate.number")}</dt>
          <dd className="certificate-number">{number}</dd>
          <dt>{t("badges.certificate.verifyUrl")}</dt>
          <dd>
            <input className="input" readOnly value={verifyUrl} aria-label={t("badges.certificate.verifyUrl")} />
          </dd>
        </dl>
        <div className="row">
          <CopyButton text={verifyUrl} label={t("badges.certificate.copy")} />
          <a className="btn btn-primary" href={imagePath} download={`seedbed-certificate-${c.code}.png`}>
            {t("badges.certificate.download")}
          </a>
        </div>
      </section>
      <img
        className="certificate-image"
        src={imagePath}
        width={750}
        height={1000}
        alt={t("badges.certificate.image", { name: c.member.displayName, badge: nameOf(c.badge) })}
        loading="lazy"
      />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
