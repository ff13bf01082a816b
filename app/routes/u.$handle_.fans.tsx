import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CampaignCard, CountBarChart } from "~/components/campaigns/campaign-bits";
import { creatorCampaigns, formFailure, getFanGroup, joinFanGroup, leaveFanGroup, userIdByHandle, type FormFailure } from "~/components/campaigns/campaigns.server";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, Toast } from "~/components/forms";
import { UserAvatar } from "~/components/user-avatar";
import { useFormat, useT } from "~/i18n";
import styles from "~/styles/campaigns.css";
import { rethrowAsResponse } from "~/utils/feed.server";
import { resolveLocale } from "~/utils/locale.server";
import { getUser, requireUser } from "~/utils/session.server";

/**
 * A creator's fan group (粉丝团): join or leave, the member's own fan level, the fans by level with a
 * chart of how many sit at each, and the creator's campaigns. The group is made on the first visit.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: `${data.group.name} · Seedbed` }] : []);

async function creatorIdOf(context: LoaderFunctionArgs["context"], handle: string) {
  const id = await userIdByHandle(context, handle);
  if (!id) throw new Response(null, { status: 404 });
  return id;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await getUser(request, context);
  const creatorId = await creatorIdOf(context, params.handle ?? "");
  const group = await getFanGroup(context, viewer, creatorId).catch(rethrowAsResponse);
  const campaigns = await creatorCampaigns(context, viewer, creatorId);
  return json({ group, campaigns, signedIn: viewer !== null });
}

type ActionData = { done: "joined" | "left" | null; failure: FormFailure | null };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const creatorId = await creatorIdOf(context, params.handle ?? "");
  const intent = String((await request.formData()).get("intent") ?? "");
  try {
    if (intent === "leave") {
      await leaveFanGroup(context, user, creatorId);
      return json<ActionData>({ done: "left", failure: null });
    }
    await joinFanGroup(context, user, creatorId);
    return json<ActionData>({ done: "joined", failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, locale);
    return json<ActionData>({ done: null, failure }, { status });
  }
}

export default function FanGroupPage() {
  const t = useT();
  const format = useFormat();
  const { group, campaigns, signedIn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="stack">
      <PageHeader title={t("fans.title", { name: group.creator.displayName })}>
        <Link to={`/u/${group.creator.handle}`}>@{group.creator.handle}</Link> · {t("fans.count", { count: format.count(group.memberCount) })}
      </PageHeader>
      {result?.done ? <Toast>{t(result.done === "joined" ? "fans.joined" : "fans.left")}</Toast> : null}
      {result?.failure ? <FormErrors errors={[result.failure.message]} /> : null}
      <section className="card card-body cp-section" aria-label={group.name}>
        {group.isOwner ? (
          <p>{t("fans.mine")}</p>
        ) : !signedIn ? (
          <Link to={`/login?redirectTo=${encodeURIComponent(`/u/${group.creator.handle}/fans`)}`} className="btn btn-primary">
            {t("fans.loginToJoin")}
          </Link>
        ) : group.me ? (
          <>
            <p>
              <strong>{t("fans.me", { level: group.me.level, points: format.count(group.me.interactionPoints) })}</strong>
            </p>
            <Form method="post">
              <button type="submit" name="intent" value="leave" className="btn">
                {t("fans.leave")}
              </button>
            </Form>
          </>
        ) : (
          <Form method="post">
            <button type="submit" name="intent" value="join" className="btn btn-primary">
              {t("fans.join")}
            </button>
          </Form>
        )}
        <p className="muted small">{t("fans.howto")}</p>
      </section>
      <section className="card card-body cp-section" aria-labelledby="fans-members">
        <h2 id="fans-members">{t("fans.members")}</h2>
        <CountBarChart
          id="fans-levels"
          title={t("fans.chart.title")}
          bars={group.levels.map((l) => ({ label: `Lv${l.level}`, count: l.count }))}
          describe={(b) => `${b.label}: ${b.count}`}
        />
        {group.members.length === 0 ? (
          <p className="muted small">{t("fans.empty")}</p>
        ) : (
          <ul className="cp-members">
            {group.members.map((m) => (
              <li key={m.id} className="cp-member">
                <UserAvatar user={m} size={28} />
                <Link to={`/u/${m.handle}`}>{m.displayName}</Link>
                <span className="cp-level">{t("fans.level", { level: m.level })}</span>
                <span className="muted small">{t("fans.points", { points: format.count(m.interactionPoints) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {campaigns.length > 0 ? (
        <section className="cp-section" aria-labelledby="fans-campaigns">
          <h2 id="fans-campaigns">{t("fans.campaigns")}</h2>
          <ul className="cp-list">
            {campaigns.map((c) => (
              <CampaignCard key={c.id} c={c} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
