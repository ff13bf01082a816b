import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { CalendarGrid } from "~/components/checkin/calendar-grid";
import { CheckInButton } from "~/components/checkin/check-in-button";
import {
  applyMakeupCard,
  buyMakeupCard,
  dailyCheckIn,
  getCheckInCalendar,
  newRequestKey,
  refusalOf,
  ruleByKey,
} from "~/components/checkin/checkin.server";
import { dayLabel } from "~/components/checkin/dates";
import { MakeupPanel } from "~/components/checkin/makeup-panel";
import { StreakPanel } from "~/components/checkin/streak-panel";
import type { CheckInActionData } from "~/components/checkin/types";
import { EmptyState, PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { Toast } from "~/components/forms";
import { CalendarCheckIcon } from "~/components/icons";
import { useLocale, useT } from "~/i18n";
import checkinStyles from "~/styles/checkin.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { getUser, requireUser } from "~/utils/session.server";

/**
 * 签到: the daily check-in button, streak and bonus ladder, the month calendar with make-up cards, and
 * a way on to challenges. Every action is a plain form post, so the page works without JavaScript.
 */

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "checkin.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: checkinStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  if (!user) {
    const rule = await ruleByKey(context.db, "checkin");
    return json({ calendar: null, todayPoints: rule?.enabled ? rule.points : 0, requestKey: "" });
  }
  const month = new URL(request.url).searchParams.get("month");
  // A month link edited by hand into nonsense shows this month rather than an error page.
  const valid = month && /^20\d{2}-(0[1-9]|1[0-2])$/.test(month) ? month : undefined;
  const calendar = await getCheckInCalendar(context, user, { month: valid });
  return json({ calendar, todayPoints: calendar.todayPoints, requestKey: newRequestKey() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    // The domain functions parse their own input, so a tampered form gets the same field messages as the API.
    if (intent === "checkin") return json<CheckInActionData>({ intent, ok: true, checkIn: await dailyCheckIn(context, user) });
    if (intent === "makeup") {
      const makeup = await applyMakeupCard(context, user, { date: String(form.get("date") ?? "") });
      return json<CheckInActionData>({ intent, ok: true, makeup });
    }
    if (intent === "buy") {
      const requestKey = String(form.get("requestKey") ?? "") || undefined;
      return json<CheckInActionData>({ intent, ok: true, buy: await buyMakeupCard(context, user, { requestKey }) });
    }
    throw new Response(null, { status: 400 });
  } catch (error) {
    if (error instanceof Response) throw error;
    const { status, ...refusal } = refusalOf(error, locale);
    return json<CheckInActionData>({ intent, ok: false, ...refusal }, { status });
  }
}

export default function CheckIn() {
  const t = useT();
  const locale = useLocale();
  const { calendar, todayPoints, requestKey } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>() as CheckInActionData | undefined;
  const checkInFetcher = useFetcher<CheckInActionData>({ key: "checkin" });

  if (!calendar) {
    return (
      <>
        <PageHeader title={t("checkin.heading")}>{t("checkin.intro")}</PageHeader>
        <div className="card">
          <EmptyState
            icon={<CalendarCheckIcon size={44} />}
            title={t("checkin.visitor.title")}
            actions={
              <Link className="btn btn-primary" to="/login?redirectTo=%2Fcheckin">
                {t("checkin.visitor.login")}
              </Link>
            }
          >
            {t("checkin.visitor.body")} {todayPoints > 0 ? t("checkin.result.points", { points: todayPoints }) : null}
          </EmptyState>
        </div>
      </>
    );
  }

  // While a check-in is on its way the streak already counts today; a failure puts it back.
  const pending = checkInFetcher.state !== "idle" && checkInFetcher.formData?.get("intent") === "checkin" && !calendar.checkedInToday;
  const streak = pending ? calendar.streak + 1 : calendar.streak;
  const shown = pending
    ? { ...calendar, daysThisMonth: calendar.daysThisMonth + 1, totalDays: calendar.totalDays + 1, days: calendar.days.map((d) => (d.isToday ? { ...d, checkedIn: true } : d)) }
    : calendar;
  const canFill = calendar.cardsAvailable > 0 && calendar.usesLeftThisMonth > 0;

  return (
    <div className="checkin-page stack">
      <PageHeader title={t("checkin.heading")}>{t("checkin.intro")}</PageHeader>
      <CheckInButton calendar={calendar} posted={posted} />
      {posted?.ok === true && posted.intent === "makeup" ? (
        <Toast>{t("checkin.makeup.filled", { date: dayLabel(locale, posted.makeup.localDate), streak: posted.makeup.streak })}</Toast>
      ) : null}
      {posted?.ok === true && posted.intent === "buy" ? (
        <Toast>{posted.buy.created ? t("checkin.makeup.bought") : t("checkin.makeup.replayed")}</Toast>
      ) : null}
      {posted && !posted.ok && posted.intent !== "checkin" ? (
        <div className="notice notice-error" role="alert">
          <p>{posted.error}</p>
        </div>
      ) : null}
      <StreakPanel calendar={shown} streak={streak} />
      <CalendarGrid calendar={shown} canFill={canFill} />
      <MakeupPanel calendar={calendar} requestKey={requestKey} />
      <section className="card card-body checkin-challenges" aria-labelledby="checkin-challenges-title">
        <h2 id="checkin-challenges-title">{t("checkin.challenges.title")}</h2>
        <p className="muted">{t("checkin.challenges.body")}</p>
        <Link className="btn btn-secondary" to="/challenges">
          {t("checkin.challenges.link")}
        </Link>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
