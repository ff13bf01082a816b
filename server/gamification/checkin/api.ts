import { defineOperation, type ApiOperation } from "../../http/api/define-operation";
import { applyMakeupCard } from "./apply-makeup-card";
import { buyMakeupCard } from "./buy-makeup-card";
import { dailyCheckIn } from "./daily-check-in";
import { getCheckInCalendar } from "./get-check-in-calendar";
import {
  applyMakeupCardSchema,
  buyMakeupCardSchema,
  buyResultSchema,
  calendarQuerySchema,
  calendarSchema,
  checkInResultSchema,
  dailyCheckInSchema,
  makeupResultSchema,
} from "./schemas";
import { checkinSettingsSchema } from "./settings";
import { getCheckInSettings, updateCheckInSettings } from "./update-check-in-settings";

const tags = ["checkin"];

/** The /api/v1 operations of the checkin area (listed in server/http/api/operations.ts through ../api.ts). */
export const checkinOperations: ApiOperation[] = [
  defineOperation({
    operationId: "dailyCheckIn",
    method: "post",
    path: "/checkins",
    summary: "Check in for today (签到)",
    description:
      "Once per platform-local day (Asia/Shanghai by default). The response says the points and growth earned " +
      "(the base rule plus any streak bonus reached today), the streak, whether a make-up card was earned and the " +
      "next rung of the bonus ladder. Checking in again the same day is not an error: it answers 200 with " +
      "`alreadyCheckedIn: true`, today's streak and nothing earned, so a client may safely retry a request whose " +
      "response it lost. The body, if any, must be an empty object.",
    tags,
    auth: "checkIn:daily:own",
    body: dailyCheckInSchema,
    response: checkInResultSchema,
    handler: ({ ctx, user }) => dailyCheckIn(ctx, user),
  }),
  defineOperation({
    operationId: "getCheckInCalendar",
    method: "get",
    path: "/checkins/calendar",
    summary: "One month of my check-ins, streak, bonus ladder and make-up cards",
    description: "`month` is YYYY-MM (default: the current platform-local month). `fillable` marks missed days a make-up card could fill now.",
    tags,
    auth: "checkIn:daily:own",
    query: calendarQuerySchema,
    response: calendarSchema,
    handler: ({ ctx, user, query }) => getCheckInCalendar(ctx, user, query),
  }),
  defineOperation({
    operationId: "useMakeupCard",
    method: "post",
    path: "/checkins/makeup",
    summary: "Fill a missed day with a make-up card (补签)",
    description:
      "Only a missed day within the make-up window (default the last 7 days; not today, not the future, not before " +
      "joining), at most the monthly number of uses (default 2). The filled day earns no base points; the streak it " +
      "restores (it may join two runs) pays any bonus or card a day of the run now reaches, once. 422 for a day out of " +
      "range, 409 for a day already checked in, no card left or the monthly limit; `fields.date` says why.",
    tags,
    auth: "checkIn:daily:own",
    body: applyMakeupCardSchema,
    response: makeupResultSchema,
    errorStatuses: [409],
    handler: ({ ctx, user, body }) => applyMakeupCard(ctx, user, body),
  }),
  defineOperation({
    operationId: "buyMakeupCard",
    method: "post",
    path: "/makeup-cards",
    summary: "Buy a make-up card with points",
    description:
      "Charges the price in the check-in setting (default 50 points). Send a `requestKey` (or an Idempotency-Key header): " +
      "retrying with the same key returns the same card with `created: false` and charges nothing. 409 when points " +
      "don't cover the price or cards are off sale.",
    tags,
    auth: "checkIn:daily:own",
    body: buyMakeupCardSchema,
    response: buyResultSchema,
    successStatus: 201,
    errorStatuses: [409],
    handler: ({ ctx, user, body, req }) => buyMakeupCard(ctx, user, { requestKey: body.requestKey ?? req.get("idempotency-key") }),
  }),
  defineOperation({
    operationId: "getCheckInSettings",
    method: "get",
    path: "/ops/checkin-settings",
    summary: "The check-in setting: streak bonus ladder and make-up card terms (staff)",
    tags,
    auth: "manage:rules:any",
    response: checkinSettingsSchema,
    handler: ({ ctx, user }) => getCheckInSettings(ctx, user),
  }),
  defineOperation({
    operationId: "updateCheckInSettings",
    method: "put",
    path: "/ops/checkin-settings",
    summary: "Replace the check-in setting (staff; audited)",
    description: "Each ladder rung names a point rule (`checkin.streak7` …) that prices it; unknown rules are 422.",
    tags,
    auth: "manage:rules:any",
    body: checkinSettingsSchema.strict(),
    response: checkinSettingsSchema,
    handler: ({ ctx, user, body }) => updateCheckInSettings(ctx, user, body),
  }),
];
