import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { formFailure, getCampaign, isoToLocalInput, localInputToIso, updateCampaign, type FormFailure, type UpdateCampaignInput } from "~/components/campaigns/campaigns.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors } from "~/components/forms";
import { UploadPicker } from "~/components/upload-picker";
import { useT } from "~/i18n";
import styles from "~/styles/campaigns.css";
import { rethrowAsResponse } from "~/utils/feed.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

/**
 * 编辑活动: the runner (staff any campaign, a creator their own) changes the title, brief, dates or
 * cover until the campaign ends. The cover uploads through the shared picker with its progress bar;
 * the dates are the platform's wall-clock time. Others get 403; an ended or cancelled campaign says so.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "campaigns.edit.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const campaign = await getCampaign(context, user, params.campaignId ?? "").catch(rethrowAsResponse);
  if (!campaign.viewer?.canManage) throw json({ code: "FORBIDDEN" }, { status: 403 });
  const tz = context.config.platformTimeZone;
  return json({
    campaign,
    startsAtLocal: isoToLocalInput(campaign.startsAt, tz),
    endsAtLocal: isoToLocalInput(campaign.endsAt, tz),
  });
}

type ActionData = { failure: FormFailure; values: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const form = await request.formData();
  const tz = context.config.platformTimeZone;
  const str = (k: string) => String(form.get(k) ?? "").trim();
  const campaignId = params.campaignId ?? "";
  const input: UpdateCampaignInput = {
    title: str("title"),
    brief: str("brief"),
    // The picker posts the ready upload's id; none means "no cover" only when the form says it had one to remove.
    coverUploadId: str("coverUploadId") || (form.get("coverShown") === "1" ? null : undefined),
    startsAt: localInputToIso(str("startsAt"), tz),
    endsAt: localInputToIso(str("endsAt"), tz),
  };
  try {
    await updateCampaign(context, user, campaignId, input);
    return redirect(`/campaigns/${campaignId}`);
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    if (status === 404 || status === 403) return rethrowAsResponse(error);
    const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
    return json<ActionData>({ failure, values }, { status });
  }
}

export default function EditCampaign() {
  const t = useT();
  const { campaign: c, startsAtLocal, endsAtLocal } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const [uploading, setUploading] = useState(false);
  const v = result?.values ?? {};
  const f = result?.failure.fields ?? {};
  const field = (name: string) => ({
    id: `cp-${name}`,
    name,
    ...(f[name]?.length ? { "aria-invalid": true as const, "aria-describedby": `cp-${name}-errors` } : {}),
  });
  if (!c.viewer?.canEdit) {
    return (
      <div className="stack">
        <PageHeader title={t("campaigns.edit.title")} />
        <p className="notice" role="note">
          {t("campaigns.edit.closed")}
        </p>
        <p>
          <Link to={`/campaigns/${c.id}`}>{t("campaigns.results.back")}</Link>
        </p>
      </div>
    );
  }
  const started = c.status === "active";
  return (
    <div className="stack">
      <PageHeader title={t("campaigns.edit.title")}>{t("campaigns.edit.intro")}</PageHeader>
      <Form method="post" className="card card-body cp-form" noValidate>
        {result ? <FormErrors errors={[result.failure.message]} /> : null}
        <div className="field">
          <label htmlFor="cp-title">{t("campaigns.form.name")}</label>
          <input {...field("title")} className="input" maxLength={60} required defaultValue={v.title ?? c.title} />
          <ErrorList id="cp-title-errors" errors={f.title} />
        </div>
        <div className="field">
          <label htmlFor="cp-brief">{t("campaigns.form.brief")}</label>
          <textarea {...field("brief")} className="textarea" rows={4} maxLength={2000} defaultValue={v.brief ?? c.brief} />
          <ErrorList id="cp-brief-errors" errors={f.brief} />
        </div>
        <fieldset className="field">
          <legend>{t("campaigns.form.cover")}</legend>
          {c.coverUploadId ? <input type="hidden" name="coverShown" value="1" /> : null}
          <UploadPicker
            mode="images"
            max={1}
            name="coverUploadId"
            label={t("campaigns.form.coverAdd")}
            initial={c.coverUploadId && c.coverUrl ? [{ id: c.coverUploadId, kind: "image", url: c.coverUrl, thumbUrl: null }] : undefined}
            errors={f.coverUploadId}
            onBusyChange={setUploading}
          />
        </fieldset>
        <div className="cp-grid2">
          <div className="field">
            <label htmlFor="cp-startsAt">{t("campaigns.form.startsAt")}</label>
            <input {...field("startsAt")} type="datetime-local" className="input" required readOnly={started} defaultValue={v.startsAt ?? startsAtLocal} />
            <ErrorList id="cp-startsAt-errors" errors={f.startsAt} />
          </div>
          <div className="field">
            <label htmlFor="cp-endsAt">{t("campaigns.form.endsAt")}</label>
            <input {...field("endsAt")} type="datetime-local" className="input" required defaultValue={v.endsAt ?? endsAtLocal} />
            <ErrorList id="cp-endsAt-errors" errors={f.endsAt} />
          </div>
        </div>
        <div className="cp-actions">
          <button type="submit" className="btn btn-primary" disabled={uploading}>
            {t("campaigns.edit.submit")}
          </button>
          <Link to={`/campaigns/${c.id}`} className="btn">
            {t("campaigns.results.back")}
          </Link>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
