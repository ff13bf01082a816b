import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../../db/client";
import { userTags, type UserTagRule } from "../../../db/schema";
import { defineSchedule } from "../../jobs/schedule";

/** The members a rule matches at `now`, as a query of user ids. Category rules match the category's slug or its Chinese name. */
function matchingSql(rule: UserTagRule, now: Date): SQL {
  const since = sql`${now.toISOString()}::timestamptz - make_interval(days => ${rule.days})`;
  const at = sql`${now.toISOString()}::timestamptz`;
  switch (rule.kind) {
    case "likesInCategory":
      return sql`select l.user_id from likes l join posts p on p.id = l.post_id join categories c on c.id = p.category_id
        where (c.slug = ${rule.category} or c.name_zh = ${rule.category}) and l.created_at > ${since} and l.created_at <= ${at}
        group by l.user_id having count(*) >= ${rule.min}`;
    case "postsInCategory":
      return sql`select p.author_id from posts p join categories c on c.id = p.category_id
        where (c.slug = ${rule.category} or c.name_zh = ${rule.category}) and p.status = 'published' and p.published_at > ${since} and p.published_at <= ${at}
        group by p.author_id having count(*) >= ${rule.min}`;
    case "ordersInDays":
      return sql`select buyer_id from orders where buyer_id is not null and paid_at > ${since} and paid_at <= ${at}
        and status in ('paid', 'confirmed', 'partially_refunded') group by buyer_id having count(*) >= ${rule.min}`;
  }
}

/**
 * Brings every rule-made tag up to date: adds it to members who now match and takes it off those who no
 * longer do — only where the rule put it (source 'rule'; a manual assignment of the same tag is never
 * touched). One tag per transaction, two set statements each, so the result depends only on the data
 * and `now`: running it twice, or two workers at once, changes nothing more.
 */
export async function evaluateRuleTags(db: Queryable & { transaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T> }, now: Date): Promise<{ tags: number; added: number; removed: number }> {
  const tags = await db.select().from(userTags).where(and(eq(userTags.kind, "rule"), isNull(userTags.archivedAt)));
  let added = 0;
  let removed = 0;
  for (const tag of tags) {
    if (!tag.rule) continue;
    const matching = matchingSql(tag.rule, now);
    await db.transaction(async (tx) => {
      const del = (await tx.execute(sql`delete from user_tag_assignments where tag_id = ${tag.id} and source = 'rule' and user_id not in (${matching})`)) as { count?: number; affectedRows?: number };
      const ins = (await tx.execute(sql`insert into user_tag_assignments (tag_id, user_id, source, at)
        select ${tag.id}::uuid, m.user_id, 'rule', ${now.toISOString()}::timestamptz from (${matching}) m(user_id)
        on conflict (tag_id, user_id) do nothing`)) as { count?: number; affectedRows?: number };
      await tx.update(userTags).set({ evaluatedAt: now }).where(eq(userTags.id, tag.id));
      removed += Number(del.count ?? del.affectedRows ?? 0);
      added += Number(ins.count ?? ins.affectedRows ?? 0);
    });
  }
  return { tags: tags.length, added, removed };
}

/** Hourly: rule-made tags follow what members do (a like today can make someone a 美妆爱好者 within the hour). */
export const ruleTagsSchedule = defineSchedule({
  name: "ops.ruleTags",
  every: "1h",
  async run(ctx) {
    const result = await evaluateRuleTags(ctx.db, ctx.clock.now());
    ctx.logger.info(result, "rule-made tags evaluated");
  },
});
