import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearSessionCookie, logOut, readSessionToken } from "~/utils/identity.server";

/**
 * Logging out is a POST only (a GET must never end a session, or any <img src="/logout"> would).
 * Cross-site posts are refused by the host's Origin check before they reach this action.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const token = readSessionToken(context, request.headers.get("cookie"));
  if (token) await logOut(context, token);
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(context) } });
}

export function loader() {
  return redirect("/me");
}
