import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../../../db/client";
import { readSetting } from "../../ops";
import { rowsOf } from "../../shared/sql-rows";

export const ATTRIBUTION_SETTINGS_KEY = "distribution.attribution";
export const attributionSettingsSchema = z.object({ windowDays: z.number().int().min(1).max(90) });
export type AttributionSettings = z.infer<typeof attributionSettingsSchema>;
export const DEFAULT_ATTRIBUTION_SETTINGS: AttributionSettings = { windowDays: 7 };

export interface Attribution {
  linkId: string;
  creatorId: string;
  visitorId: string;
  clickedAt: Date;
}

/**
 * Who gets the credit for an order placed at `at`: the last human click within the attribution window
 * (clicked after `at − windowDays`, at or before `at`) from the buyer's visitor id, or from any visitor
 * id bound to the buyer's account (they clicked on their phone while signed out, then signed in).
 *
 * - Bots never win. Repeat clicks within 24 h do: they aren't *counted* in a link's stats, but a visitor
 *   who clicked A, then B, then A again an hour later last clicked A.
 * - Purchases through one's own link earn nothing: a click on the buyer's own link is skipped, and an
 *   earlier click on someone else's link can still win. A click from a browser bound to the link's
 *   creator is the creator's own too (a second account buying on the creator's phone), so it is skipped.
 */
export async function resolveAttribution(
  db: Queryable,
  input: { buyerId: string | null; visitorId: string | null; at: Date },
): Promise<Attribution | null> {
  if (!input.buyerId && !input.visitorId) return null;
  const { windowDays } = await readSetting(db, ATTRIBUTION_SETTINGS_KEY, attributionSettingsSchema, DEFAULT_ATTRIBUTION_SETTINGS);
  const since = new Date(input.at.getTime() - windowDays * 86_400_000);
  const [row] = rowsOf<{ link_id: string; creator_id: string; visitor_id: string; at: string | Date }>(
    await db.execute(sql`
      select c.link_id, l.creator_id, c.visitor_id, c.at
      from link_clicks c
      join distribution_links l on l.id = c.link_id
      where not c.is_bot
        and c.at > ${since.toISOString()}::timestamptz and c.at <= ${input.at.toISOString()}::timestamptz
        and (
          c.visitor_id = ${input.visitorId ?? ""}
          or c.visitor_id in (select b.visitor_id from visitor_bindings b where b.user_id = ${input.buyerId ?? "00000000-0000-0000-0000-000000000000"}::uuid)
        )
        and (${input.buyerId ?? null}::uuid is null or l.creator_id <> ${input.buyerId ?? null}::uuid)
        and not exists (select 1 from visitor_bindings own where own.visitor_id = c.visitor_id and own.user_id = l.creator_id)
      order by c.at desc, c.id desc
      limit 1`),
  );
  if (!row) return null;
  return { linkId: row.link_id, creatorId: row.creator_id, visitorId: row.visitor_id, clickedAt: new Date(row.at) };
}
