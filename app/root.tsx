import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { AppShell } from "./components/app-shell";
import { GeneralErrorBoundary } from "./components/error-page";
import { useNonce } from "./components/nonce";
import { DEFAULT_LOCALE, LocaleProvider, translate } from "./i18n";
import appStyles from "./styles/app.css";
import { resolveLocale } from "./utils/locale.server";
import { countUnread } from "./utils/notifications.server";
import { authenticateWeb } from "./utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.ico" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? DEFAULT_LOCALE;
  return [
    { title: translate(locale, "app.name") },
    { name: "description", content: translate(locale, "app.tagline") },
  ];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, renewedCookie } = await authenticateWeb(request, context);
  return json(
    {
      user,
      // The 消息 tab's badge; kept live over realtime by the shell.
      unreadCount: user ? await countUnread(context, user.id) : 0,
      locale: resolveLocale(request, user),
      timeZone: context.config.platformTimeZone,
      requestId: context.requestId,
    },
    // Remix carries a loader's Set-Cookie onto whatever page was requested.
    { headers: renewedCookie ? { "Set-Cookie": renewedCookie } : undefined },
  );
}

/** The document: rendered around the app and around the root error page alike. */
export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)" />
        <meta name="theme-color" content="#1b1b20" media="(prefers-color-scheme: dark)" />
        <Meta />
        <Links />
      </head>
      <body>
        <LocaleProvider locale={locale} timeZone={data?.timeZone ?? "Asia/Shanghai"}>
          {children}
        </LocaleProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <AppShell signedIn={Boolean(user)}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <AppShell signedIn={Boolean(data?.user)}>
      <GeneralErrorBoundary />
    </AppShell>
  );
}
