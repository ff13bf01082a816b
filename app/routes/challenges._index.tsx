import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ChallengeCard } from "~/components/challenges/challenge-card";
import { can, listChallenges } from "~/components/challenges/challenges.server";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FeedTabs } from "~/components/feed-nav";
import { CalendarCheckIcon, PlusIcon } from "~/components/icons";
import challengeStyles from "~/styles/challenges.css";
import { useT } from "~/i18n";
import { titleMeta } from "~/utils/meta";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "challenges.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: challengeStyles }];

const TABS = ["active", "upcoming", "ended", "joined", "all"] as const;
type Tab = (typeof TABS)[number];

/** /challenges?tab=active|upcoming|ended|joined|all&cursor= — cards with my progress; visitors can browse. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const url = new URL(request.url);
  const asked = url.searchParams.get("tab");
  // "joined" needs an account; a visitor following such a link sees every active challenge instead.
  const tab: Tab = (TABS as readonly string[]).includes(asked ?? "") && !(asked === "joined" && !user) ? (asked as Tab) : "active";
  const cursor = url.searchParams.get("cursor");
  const page = await listChallenges(
    context,
    {
      status: tab === "joined" || tab === "all" ? undefined : tab,
      joined: tab === "joined" ? true : undefined,
      cursor: cursor && cursor.length <= 200 ? cursor : undefined,
    },
    user,
  ).catch(() => listChallenges(context, { status: tab === "joined" || tab === "all" ? undefined : tab, joined: tab === "joined" ? true : undefined }, user));
  return json({ tab, page, signedIn: Boolean(user), canCreate: can(user, "create:challenge:own") });
}

export default function Challenges() {
  const t = useT();
  const { tab, page, signedIn, canCreate } = useLoaderData<typeof loader>();
  const tabs = TABS.filter((x) => x !== "joined" || signedIn).map((value) => ({ value, label: t(`challenges.tab.${value}`) }));
  return (
    <div className="stack">
      <PageHeader title={t("challenges.title")}>{t("challenges.intro")}</PageHeader>
      {canCreate ? (
        <Link to="/challenges/new" className="btn btn-primary ch-create">
          <PlusIcon size={18} />
          {t("challenges.create")}
        </Link>
      ) : null}
      <FeedTabs tabs={tabs} current={tab} hrefOf={(value) => `/challenges?tab=${value}`} label={t("challenges.tabs.label")} />
      {page.items.length === 0 ? (
        <EmptyState icon={<CalendarCheckIcon size={44} />} title={t("challenges.empty.title")}>
          {t("challenges.empty.body")}
        </EmptyState>
      ) : (
        <ul className="ch-list">
          {page.items.map((c) => (
            <ChallengeCard key={c.id} challenge={c} />
          ))}
        </ul>
      )}
      {page.nextCursor ? (
        <Link className="btn btn-secondary btn-block" to={`/challenges?tab=${tab}&cursor=${encodeURIComponent(page.nextCursor)}`}>
          {t("challenges.more")}
        </Link>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
