import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/messages";
import { updateProfile } from "~/utils/identity.server";
import { isSecureRequest, languageCookie } from "~/utils/locale.server";
import { safeRedirect } from "~/utils/redirect";
import { getUser } from "~/utils/session.server";

/**
 * Switches the UI language from any page: a cookie remembers it for a year (visitors included), and
 * a signed-in user's profile follows so notifications and e-mails use it too.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const back = safeRedirect(formData.get("redirectTo"), "/");
  const locale = formData.get("locale");
  if (!isLocale(locale)) return redirect(back); // a tampered value changes nothing
  const user = await getUser(request, context);
  if (user && user.locale !== locale) await updateProfile(context, user.id, { locale });
  return redirect(back, { headers: { "Set-Cookie": languageCookie(locale, { secure: isSecureRequest(request) }) } });
}

export function loader() {
  return redirect("/");
}
