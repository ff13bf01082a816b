import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../client";
import { categories, posts, uploads, users } from "../../schema";
import type { AppContext } from "../../../server/context";
import { createPost } from "../../../server/content";
import { challengeCheckIn, createChallenge, joinChallenge } from "../../../server/gamification/challenges";
import { addDays } from "../../../server/gamification/challenges/rules";
import { zonedInstant } from "../../../server/jobs/schedule";
import { uploadKey } from "../../../server/media/rules";
import { findCurrentUser, type CurrentUser } from "../../../server/identity/current-user";
import { FixedClock, localDate } from "../../../server/shared/clock";
import type { RateLimits } from "../../../server/shared/rate-limits";
import { DEMO_HANDLES, type DemoSeedStep } from "../demo";

// The demo writes weeks of check-ins in one go; the real limits stay as they are for everyone else.
const unlimited: RateLimits = { consume: async () => {}, reset: async () => {} };

/** The app context a domain function sees while seeding: the seed's transaction and a clock standing at `when`. */
function at(ctx: AppContext, tx: Transaction, when: Date): AppContext {
  return { ...ctx, db: tx as unknown as Database, clock: new FixedClock(when), rateLimits: unlimited };
}

/** A deterministic 0..1 from a string, so the same community gets the same progress on every first start. */
function unit(seed: string): number {
  return crypto.createHash("sha256").update(seed).digest().readUInt32BE(0) / 0x1_0000_0000;
}

const SKIN_NOTES = ["早晚清洁+保湿，今天皮肤状态稳定", "敷了补水面膜，脸摸起来软软的", "防晒一定要涂够量", "换季有点干，加了一层面霜", "今天只用了温和洁面和精华", "睡前按摩了五分钟，早上不浮肿"];

/**
 * The demo's challenges: 21 天护肤打卡 (active; the demo `member` has checked in most days but not yet
 * today, so they can try the check-in with a fresh note), an upcoming breakfast challenge, a finished
 * early-to-bed week with finishers who were paid their reward, and a creator's walking challenge that
 * needs no proof. Check-ins go through the real use cases with the clock set to each day. The demo
 * member's proofs are notes they publish that day (through createPost); the community's are the beauty
 * notes they already published on those days, so the seed stays quick.
 */
const challenges: DemoSeedStep = {
  name: "demo challenges",
  async run(tx, ctx, state) {
    const staff = state.users.staff;
    const creator = state.users.creator;
    const demoMember = state.users.member;
    if (!staff || !creator || !demoMember) return;
    const tz = ctx.config.platformTimeZone;
    const now = ctx.clock.now();
    const today = localDate(now, tz);
    const localAt = (date: string, hour: number, minute = 0) => zonedInstant(date, hour, minute, tz);

    const community = await communityMembers(tx);
    const covers = await coverPerCategory(tx);
    const slugOf = new Map((await tx.select({ id: categories.id, slug: categories.slug }).from(categories)).map((c) => [c.slug, c.id]));

    // One picture per member and category, stored under the member's own keys (a copy of a demo
    // cover's files), reused by all their proof notes: a note's media must be its author's uploads.
    const pictureOf = new Map<string, string>();
    const bytesOf = new Map<string, Buffer | null>();
    const read = async (key: string) => {
      if (!bytesOf.has(key)) bytesOf.set(key, await ctx.storage.get(key));
      return bytesOf.get(key)!;
    };
    const pictureFor = async (author: CurrentUser, slug: string, when: Date) => {
      const known = pictureOf.get(`${author.id}:${slug}`);
      if (known) return known;
      const cover = covers.get(slug) ?? covers.values().next().value!;
      const id = crypto.randomUUID();
      const key = uploadKey(author.id, id, "original");
      const original = await read(cover.key);
      if (original) await ctx.storage.put(key, original, cover.mime ?? cover.declaredMime);
      const variants: typeof cover.variants = {};
      for (const [name, v] of Object.entries(cover.variants ?? {})) {
        const copyKey = uploadKey(author.id, id, `${name}.webp`);
        const bytes = await read(v.key);
        if (bytes) await ctx.storage.put(copyKey, bytes, v.mime);
        variants[name] = { ...v, key: copyKey };
      }
      const earlier = new Date(when.getTime() - 60_000);
      await tx.insert(uploads).values({ ...cover, id, key, variants, ownerId: author.id, createdAt: earlier, completedAt: earlier });
      pictureOf.set(`${author.id}:${slug}`, id);
      return id;
    };

    /** A note `author` publishes at `when` in `slug`, with their picture. */
    const proofNote = async (author: CurrentUser, when: Date, slug: string, title: string, body: string) => {
      const mediaId = await pictureFor(author, slug, when);
      const post = await createPost(at(ctx, tx, when), author, { title, body, categorySlug: slug, mediaIds: [mediaId], publish: true });
      return post.id;
    };

    // 21 天护肤打卡: started 11 days ago, 30 days, 21 required.
    const skinStart = addDays(today, -11);
    const skin = await createChallenge(at(ctx, tx, localAt(addDays(skinStart, -3), 10)), staff, {
      title: "21 天护肤打卡",
      description: "30 天里坚持 21 天认真护肤，每天发一篇护肤笔记记录皮肤变化。",
      rules: "1. 每天发布一篇美妆分类的护肤笔记，并用它打卡；\n2. 一篇笔记只能证明它发布的那一天；\n3. 30 天内累计打卡 21 天即完成挑战，获得 200 积分。",
      startsOn: skinStart,
      endsOn: addDays(skinStart, 29),
      requiredDays: 21,
      categorySlug: "beauty",
      proofRequired: true,
      makeupCardsAllowed: 2,
      rewardPoints: 200,
    });
    // The demo member writes a proof note on 8 of the 11 days so far (not yet today, so they can try
    // it); the community prove their days with the beauty notes they already published on those days.
    await joinChallenge(at(ctx, tx, localAt(skinStart, 8)), demoMember, skin.id);
    for (let d = 0; d < 11; d++) {
      if (d === 4 || d === 7 || d === 8) continue;
      const when = localAt(addDays(skinStart, d), 8 + Math.floor(unit(`skin:member:${d}`) * 13), 10);
      const postId = await proofNote(demoMember, when, "beauty", `护肤打卡 第 ${d + 1} 天`, `第 ${d + 1} 天打卡。${SKIN_NOTES[d % SKIN_NOTES.length]}。今天的步骤：温和洁面、化妆水湿敷三分钟、精华按压吸收、面霜锁水，白天出门前补一层防晒。坚持记录才发现，皮肤最怕的不是偷懒一天，而是今天猛用明天全停。继续加油！\n\n#21天护肤打卡 #护肤日常`);
      await challengeCheckIn(at(ctx, tx, new Date(when.getTime() + 5 * 60_000)), demoMember, skin.id, { postId });
    }
    const proofs = await notesByDay(tx, community, slugOf.get("beauty") ?? "", localAt(skinStart, 0), localAt(today, 0), tz);
    const skinCrew = community.filter((m) => proofs.has(m.id)).sort((a, b) => proofs.get(b.id)!.length - proofs.get(a.id)!.length).slice(0, 11);
    for (const [i, person] of [...skinCrew, ...community.slice(0, 3).filter((m) => !proofs.has(m.id))].entries()) {
      await joinChallenge(at(ctx, tx, localAt(skinStart, 9, i)), person, skin.id);
      for (const note of proofs.get(person.id) ?? []) {
        await challengeCheckIn(at(ctx, tx, new Date(note.publishedAt.getTime() + 1_000)), person, skin.id, { postId: note.id });
      }
    }

    // Upcoming: 30 天早餐不重样 starts in five days.
    const breakfastStart = addDays(today, 5);
    const breakfast = await createChallenge(at(ctx, tx, localAt(addDays(today, -1), 15)), staff, {
      title: "30 天早餐不重样",
      description: "一个月的早餐灵感，每天一篇带 #早餐打卡 的笔记。",
      rules: "每天发布一篇带 #早餐打卡 话题的笔记并打卡，30 天内完成 20 天即可获得 150 积分。",
      startsOn: breakfastStart,
      endsOn: addDays(breakfastStart, 29),
      requiredDays: 20,
      topic: "早餐打卡",
      rewardPoints: 150,
    });
    for (const [i, person] of community.slice(11, 17).entries()) {
      await joinChallenge(at(ctx, tx, localAt(addDays(today, -1), 16, i)), person, breakfast.id);
    }

    // Ended: 7 天早睡打卡 ran three weeks ago, without proof notes; most of its crew finished and were paid.
    const sleepStart = addDays(today, -20);
    const sleep = await createChallenge(at(ctx, tx, localAt(addDays(sleepStart, -2), 11)), staff, {
      title: "7 天早睡打卡",
      description: "一周里每晚 11 点前睡觉，睡前点一下打卡。",
      rules: "7 天内打卡 5 天即完成挑战，获得 80 积分。",
      startsOn: sleepStart,
      endsOn: addDays(sleepStart, 6),
      requiredDays: 5,
      proofRequired: false,
      rewardPoints: 80,
    });
    for (const [i, person] of community.slice(17, 25).entries()) {
      await joinChallenge(at(ctx, tx, localAt(sleepStart, 7, i)), person, sleep.id);
      const days = i < 5 ? 5 + (i % 3) : 2 + (i % 2);
      for (let d = 0; d < Math.min(days, 7); d++) {
        await challengeCheckIn(at(ctx, tx, localAt(addDays(sleepStart, d), 22, 30 + i)), person, sleep.id, {});
      }
    }

    // A creator's challenge without proof notes: just tap 打卡 each day.
    const walkStart = addDays(today, -3);
    const walk = await createChallenge(at(ctx, tx, localAt(addDays(walkStart, -1), 20)), creator, {
      title: "每日一万步",
      description: "和粉丝一起每天走一万步，两周里坚持 10 天。",
      rules: "每天走满一万步后点「打卡」，无需笔记。",
      startsOn: walkStart,
      endsOn: addDays(walkStart, 13),
      requiredDays: 10,
      proofRequired: false,
      rewardPoints: 50,
    });
    for (const [i, person] of [demoMember, ...community.slice(25, 33)].entries()) {
      await joinChallenge(at(ctx, tx, localAt(walkStart, 7, i)), person, walk.id);
      const days = person.id === demoMember.id ? 2 : Math.floor(unit(`walk:${person.handle}`) * 4);
      for (let d = 0; d < days; d++) {
        await challengeCheckIn(at(ctx, tx, localAt(addDays(walkStart, d), 21, i)), person, walk.id, {});
      }
    }
  },
};

/** The demo community (not the five demo accounts), oldest first, as full users. */
async function communityMembers(tx: Transaction): Promise<CurrentUser[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(sql`${users.email} like '%@demo.seedbed.local'`, notInArray(users.handle, [...DEMO_HANDLES])))
    .orderBy(asc(users.createdAt), asc(users.handle));
  const found = await Promise.all(rows.map((r) => findCurrentUser(tx, r.id)));
  return found.filter((u): u is CurrentUser => u !== null);
}

/** Per member, their first note in `categoryId` on each platform-local day in [from, to): ready-made proofs. */
async function notesByDay(tx: Transaction, members: CurrentUser[], categoryId: string, from: Date, to: Date, tz: string) {
  const rows = await tx
    .select({ id: posts.id, authorId: posts.authorId, publishedAt: posts.publishedAt })
    .from(posts)
    .where(
      and(
        inArray(posts.authorId, members.map((m) => m.id)),
        eq(posts.status, "published"),
        eq(posts.categoryId, categoryId),
        sql`${posts.publishedAt} >= ${from.toISOString()}::timestamptz and ${posts.publishedAt} < ${to.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(posts.publishedAt), asc(posts.id));
  const byMember = new Map<string, { id: string; publishedAt: Date }[]>();
  const seen = new Set<string>();
  for (const r of rows) {
    const day = `${r.authorId}:${localDate(r.publishedAt!, tz)}`;
    if (seen.has(day)) continue;
    seen.add(day);
    byMember.set(r.authorId, [...(byMember.get(r.authorId) ?? []), { id: r.id, publishedAt: r.publishedAt! }]);
  }
  return byMember;
}

/** One stored cover picture per category, from the demo notes, to reuse for proof notes. */
async function coverPerCategory(tx: Transaction) {
  const rows = await tx
    .select({ slug: categories.slug, upload: uploads })
    .from(posts)
    .innerJoin(categories, eq(categories.id, posts.categoryId))
    .innerJoin(uploads, eq(uploads.id, posts.coverUploadId))
    .where(and(isNotNull(posts.coverUploadId), inArray(uploads.status, ["ready"])))
    .orderBy(desc(posts.publishedAt))
    .limit(400);
  const map = new Map<string, (typeof rows)[number]["upload"]>();
  for (const r of rows) if (!map.has(r.slug)) map.set(r.slug, r.upload);
  return map;
}

/** Demo data of the challenges area, run in order after the content steps (see ./steps.ts). */
export const challengesSeedSteps: DemoSeedStep[] = [challenges];
