import { getFormProps, useForm } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CopyButton } from "~/components/copy-button";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SelectField, SubmitButton, TextField, Toast } from "~/components/forms";
import { useFormat, useT, type UiKey } from "~/i18n";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { accessTokenCreateSchema, createAccessToken, listAccessTokens, revokeAccessToken, type AccessTokenCreateInput } from "~/utils/identity.server";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "settings.tokens.title");

const EXPIRY_CHOICES = ["7", "30", "90", "365", ""] as const;
/** Tokens expire unless someone decides otherwise: a forgotten token should not live forever. */
const DEFAULT_EXPIRY_DAYS = 90;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json({ tokens: await listAccessTokens(context, user.id), now: context.clock.now().toISOString() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const formData = await request.formData();

  if (formData.get("intent") === "revoke") {
    const submission = parseForm(formData, z.object({ tokenId: z.uuid("validation.uuid") }), locale);
    if (submission.status !== "success") {
      return json({ intent: "revoke" as const, result: submission.reply(), created: null }, { status: 422 });
    }
    try {
      await revokeAccessToken(context, user.id, submission.value.tokenId);
      return json({ intent: "revoke" as const, result: submission.reply(), created: null });
    } catch (error) {
      const { result, status } = replyWithError(submission, error, locale);
      return json({ intent: "revoke" as const, result, created: null }, { status });
    }
  }

  const submission = parseForm(formData, accessTokenCreateSchema, locale);
  if (submission.status !== "success") {
    return json({ intent: "create" as const, result: submission.reply(), created: null }, { status: 422 });
  }
  try {
    const { token, accessToken } = await createAccessToken(context, user.id, submission.value);
    // The only time the token exists in clear text: this one response. It is never stored.
    return json({
      intent: "create" as const,
      result: submission.reply({ resetForm: true }),
      created: { token, name: accessToken.name },
    });
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ intent: "create" as const, result, created: null }, { status });
  }
}

type TokenState = "active" | "revoked" | "expired";

function stateOf(token: { revokedAt: string | null; expiresAt: string | null }, now: string): TokenState {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}

const STATE_LABEL: Record<TokenState, UiKey> = {
  active: "settings.tokens.status.active",
  revoked: "settings.tokens.status.revoked",
  expired: "settings.tokens.status.expired",
};

export default function TokenSettings() {
  const t = useT();
  const format = useFormat();
  const { tokens, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<AccessTokenCreateInput>({
    id: "token-create",
    lastResult: actionData?.intent === "create" ? actionData.result : undefined,
    defaultValue: { expiresInDays: DEFAULT_EXPIRY_DAYS },
    shouldRevalidate: "onBlur",
  });
  const revokeErrors = actionData?.intent === "revoke" ? actionData.result.error?.[""] : undefined;
  const revoked = actionData?.intent === "revoke" && actionData.result.status === "success";

  return (
    <div className="stack">
      <p className="muted">{t("settings.tokens.intro")}</p>

      {actionData?.created ? (
        <div className="notice notice-success" role="status">
          <div className="stack">
            <p>{t("settings.tokens.created")}</p>
            <div className="token-output">
              <label htmlFor="new-token" className="visually-hidden">
                {actionData.created.name}
              </label>
              <input
                id="new-token"
                className="input"
                readOnly
                value={actionData.created.token}
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton text={actionData.created.token} />
            </div>
          </div>
        </div>
      ) : null}
      {revoked ? <Toast>{t("settings.tokens.revoked")}</Toast> : null}
      <FormErrors errors={revokeErrors} />

      <section className="card card-body" aria-labelledby="token-create-title">
        <h2 id="token-create-title">{t("settings.tokens.create")}</h2>
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.name} label={t("field.tokenName")} hint={t("field.tokenName.hint")} required />
          <SelectField
            field={fields.expiresInDays}
            label={t("field.expiresInDays")}
            options={EXPIRY_CHOICES.map((d) => ({
              value: d,
              label: d ? t("settings.tokens.expiry.days", { days: d }) : t("settings.tokens.expiry.never"),
            }))}
          />
          <SubmitButton className="btn btn-primary">{t("settings.tokens.createSubmit")}</SubmitButton>
        </Form>
      </section>

      <section className="card" aria-labelledby="token-list-title">
        <h2 id="token-list-title" className="card-body">
          {t("settings.tokens.list")}
        </h2>
        {tokens.length === 0 ? (
          <p className="card-body muted">{t("settings.tokens.empty")}</p>
        ) : (
          <ul className="token-list">
            {tokens.map((token) => {
              const state = stateOf(token, now);
              return (
                <li key={token.id} className="token-item" aria-label={token.name}>
                  <div className="row">
                    <span className="token-name">{token.name}</span>
                    <span className={state === "active" ? "chip" : "chip chip-muted"}>{t(STATE_LABEL[state])}</span>
                  </div>
                  <dl className="token-meta">
                    <dt>{t("settings.tokens.prefix")}</dt>
                    <dd>
                      <code>{token.prefix}…</code>
                    </dd>
                    <dt>{t("settings.tokens.createdAt")}</dt>
                    <dd>{format.dateTime(token.createdAt)}</dd>
                    <dt>{t("settings.tokens.lastUsed")}</dt>
                    <dd>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t("settings.tokens.neverUsed")}</dd>
                    <dt>{t("settings.tokens.expires")}</dt>
                    <dd>{token.expiresAt ? format.dateTime(token.expiresAt) : t("settings.tokens.noExpiry")}</dd>
                  </dl>
                  {state === "active" ? (
                    // Two steps without JavaScript: opening the panel, then confirming inside it.
                    <details className="confirm">
                      <summary className="btn btn-danger btn-small">{t("settings.tokens.revoke")}</summary>
                      <Form method="post" className="confirm-panel">
                        <p>{t("settings.tokens.revokeConfirm", { name: token.name })}</p>
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={token.id} />
                        <div className="row">
                          <button type="submit" className="btn btn-danger btn-small">
                            {t("settings.tokens.revokeYes")}
                          </button>
                        </div>
                      </Form>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
