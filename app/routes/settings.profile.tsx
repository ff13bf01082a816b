import { getFormProps, useForm } from "@conform-to/react";
import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { UploadPicker } from "~/components/upload-picker";
import { UserAvatar } from "~/components/user-avatar";
import { GeneralErrorBoundary } from "~/components/error-page";
import {
  FormErrors,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  Toast,
} from "~/components/forms";
import { LOCALES, useT } from "~/i18n";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { getProfile, userErrorMessage } from "~/utils/feed.server";
import {
  profileFormSchema,
  updateProfile,
  type ProfileInput,
} from "~/utils/identity.server";
import { setAvatar } from "~/utils/media.server";
import {
  isSecureRequest,
  languageCookie,
  resolveLocale,
} from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) =>
  titleMeta(matches, "settings.profile.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { user: summary } = await getProfile(context, user.handle, user);
  return json({
    profile: {
      displayName: user.displayName,
      bio: user.bio,
      locale: user.locale,
    },
    avatarUrl: summary.avatarUrl,
  });
}

/** The avatar form: the picker uploads the picture; this saves the ready upload as the avatar. */
async function saveAvatar(
  context: ActionFunctionArgs["context"],
  user: Awaited<ReturnType<typeof requireUser>>,
  formData: FormData,
  locale: ReturnType<typeof resolveLocale>,
) {
  const uploadId = formData.get("uploadId");
  try {
    await setAvatar(context, user, typeof uploadId === "string" && uploadId ? uploadId : null);
    return json({ result: null, saved: false, avatarSaved: true, avatarError: null });
  } catch (error) {
    const avatarError = userErrorMessage(error, locale);
    return json({ result: null, saved: false, avatarSaved: false, avatarError }, { status: 422 });
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const formData = await request.formData();
  if (formData.get("intent") === "avatar")
    return saveAvatar(context, user, formData, locale);
  const submission = parseForm(formData, profileFormSchema, locale);
  if (submission.status !== "success") {
    return json({ result: submission.reply(), saved: false }, { status: 422 });
  }
  try {
    const updated = await updateProfile(context, user.id, submission.value);
    // The language chosen here is also the one the UI speaks from now on, on this device too.
    return json(
      { result: submission.reply(), saved: true },
      {
        headers: {
          "Set-Cookie": languageCookie(updated.locale, {
            secure: isSecureRequest(request),
          }),
        },
      }
    );
  } catch (error) {
    const { result, status } = replyWithError(submission, error, locale);
    return json({ result, saved: false }, { status });
  }
}

export default function ProfileSettings() {
  const t = useT();
  const { profile, avatarUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<ProfileInput>({
    id: "profile",
    lastResult: actionData?.result,
    defaultValue: profile,
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <section
        className="card card-body avatar-card"
        aria-labelledby="avatar-title"
      >
        <h2 id="avatar-title">{t("feed.avatar.title")}</h2>
        {actionData && "avatarSaved" in actionData && actionData.avatarSaved ? (
          <Toast>{t("feed.avatar.saved")}</Toast>
        ) : null}
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="avatar" />
          <div className="avatar-settings">
            <UserAvatar
              user={{ displayName: profile.displayName, avatarUrl }}
              size={72}
            />
            <UploadPicker
              mode="avatar"
              name="uploadId"
              errors={
                actionData &&
                "avatarError" in actionData &&
                actionData.avatarError
                  ? [actionData.avatarError]
                  : undefined
              }
            />
          </div>
          <SubmitButton>{t("feed.avatar.save")}</SubmitButton>
        </Form>
      </section>
      <section className="card card-body" aria-labelledby="profile-title">
        <h2 id="profile-title" className="visually-hidden">
          {t("settings.profile.title")}
        </h2>
        {actionData?.saved ? (
          <Toast>{t("settings.profile.saved")}</Toast>
        ) : null}
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField
            field={fields.displayName}
            label={t("field.displayName")}
            autoComplete="nickname"
            required
          />
          <TextareaField field={fields.bio} label={t("field.bio")} rows={4} />
          <SelectField
            field={fields.locale}
            label={t("field.locale")}
            options={LOCALES.map((l) => ({
              value: l,
              label: t(`lang.${l}`),
              lang: l,
            }))}
          />
          <SubmitButton>{t("settings.profile.submit")}</SubmitButton>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
