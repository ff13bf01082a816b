import os from "node:os";
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "../../client";
import { users } from "../../schema";
import type { AppContext } from "../../../server/context";
import {
  addKeyword,
  createComment,
  createPost,
  ensureDefaultCategories,
  favoritePost,
  featurePost,
  followUser,
  likePost,
  recomputePostScores,
  reportContent,
} from "../../../server/content";
import { createUser, hashPassword, type CurrentUser } from "../../../server/identity";
import { setAvatar } from "../../../server/media";
import { FixedClock } from "../../../server/shared/clock";
import type { RateLimits } from "../../../server/shared/rate-limits";
import type { DemoSeedState, DemoSeedStep } from "../demo";
import { avatarSvg, coverSvg, mapLimit, renderImage, type RenderedImage } from "./images";
import { demoMembers, type DemoMember } from "./members";
import { generateComment, generateNote, generateReply } from "./notes";
import { SeededRandom } from "./random";
import { AVATAR_VARIANTS, COVER_VARIANTS, storeRenderedUpload } from "./uploads";
import { CATEGORY_VOCABULARY } from "./vocabulary";

/** Same seed, same community: change it only to re-roll every first start. */
export const DEMO_CONTENT_SEED = 20_261_123;
export const DEMO_NOTE_COUNT = 320;
const COVERS_PER_CATEGORY = 6;
const AVATAR_COUNT = 16;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The word the demo's moderation keyword list holds, and the note that trips it. */
export const DEMO_HELD_KEYWORD = "加微信";

/** What the content steps hand each other, kept beside the shared DemoSeedState. */
export interface ContentSeedState {
  rng: SeededRandom;
  members: { profile: DemoMember; user: CurrentUser }[];
  covers: Map<string, RenderedImage[]>;
  avatars: RenderedImage[];
  notes: SeededNote[];
}

interface SeededNote {
  id: string;
  authorId: string;
  categorySlug: string;
  publishedAt: Date;
  product: string;
  audience: string;
  likeCount: number;
}

const contentStates = new WeakMap<DemoSeedState, ContentSeedState>();
function contentOf(state: DemoSeedState): ContentSeedState {
  const found = contentStates.get(state);
  if (!found) throw new Error("demo content steps ran out of order");
  return found;
}

// The demo writes a month of activity in one go; the real limits stay as they are for everyone else.
const unlimited: RateLimits = { consume: async () => {}, reset: async () => {} };

/**
 * The app context a domain function sees while seeding: the seed's transaction as its database (its
 * own transactions become savepoints), a clock standing at the moment the action "happened", and no
 * rate limits.
 */
function at(ctx: AppContext, tx: Transaction, when: Date): AppContext {
  return { ...ctx, db: tx as unknown as Database, clock: new FixedClock(when), rateLimits: unlimited };
}

/** Progress on stderr for people watching a first start; quiet under tests and when piped. */
function progress(label: string, done: number, total: number) {
  if (!process.stderr.isTTY) return;
  process.stderr.write(`\r  demo seed: ${label} ${done}/${total}${done === total ? "\n" : ""}`);
}

const renderImages: DemoSeedStep = {
  name: "demo pictures",
  async run(_tx, ctx, state) {
    const rng = new SeededRandom(DEMO_CONTENT_SEED);
    const jobs: { slug: string | null; svg: string }[] = [];
    for (const c of CATEGORY_VOCABULARY) {
      for (let i = 0; i < COVERS_PER_CATEGORY; i++) {
        jobs.push({ slug: c.slug, svg: coverSvg(rng, c.slug, c.palettes[i % c.palettes.length]!) });
      }
    }
    const allPalettes = CATEGORY_VOCABULARY.flatMap((c) => c.palettes);
    for (let i = 0; i < AVATAR_COUNT; i++) jobs.push({ slug: null, svg: avatarSvg(rng, allPalettes[i % allPalettes.length]!) });

    let done = 0;
    // sharp runs on libvips threads; a lane per core keeps the machine responsive while it works.
    const rendered = await mapLimit(jobs, Math.max(2, os.availableParallelism() * 2), async (job) => {
      const image = await renderImage(job.svg, job.slug ? COVER_VARIANTS : AVATAR_VARIANTS);
      progress("pictures", ++done, jobs.length);
      return image;
    });
    const covers = new Map<string, RenderedImage[]>();
    const avatars: RenderedImage[] = [];
    jobs.forEach((job, i) => {
      if (job.slug) covers.set(job.slug, [...(covers.get(job.slug) ?? []), rendered[i]!]);
      else avatars.push(rendered[i]!);
    });
    contentStates.set(state, { rng: rng.fork("community"), members: [], covers, avatars, notes: [] });
    ctx.logger.debug({ pictures: jobs.length }, "rendered demo pictures");
  },
};

const members: DemoSeedStep = {
  name: "demo members",
  async run(tx, ctx, state) {
    const content = contentOf(state);
    const rng = content.rng.fork("members");
    const now = ctx.clock.now();
    await ensureDefaultCategories(tx, now);
    // Members share the demo password, so anyone trying the demo can look through their eyes too.
    const { DEMO_PASSWORD } = await import("../demo");
    const hash = await hashPassword(DEMO_PASSWORD);
    const profiles = demoMembers(rng);
    for (const [i, profile] of profiles.entries()) {
      const joined = new Date(now.getTime() - rng.int(40, 120) * DAY_MS - rng.int(0, DAY_MS));
      const user = await createUser(tx, {
        handle: profile.handle,
        email: `${profile.handle}@demo.seedbed.local`,
        password: { hash },
        displayName: profile.displayName,
        roles: i % 5 === 0 ? ["creator"] : [],
        now: joined,
      });
      await tx.update(users).set({ bio: profile.bio }).where(eq(users.id, user.id));
      const avatar = await storeRenderedUpload(tx, ctx.storage, {
        ownerId: user.id,
        kind: "avatar",
        image: content.avatars[i % content.avatars.length]!,
        now: joined,
      });
      await setAvatar(at(ctx, tx, joined), user, avatar.id);
      content.members.push({ profile, user });
      progress("members", i + 1, profiles.length);
    }
    const creator = state.users.creator;
    if (creator) {
      await tx.update(users).set({ bio: "分享真实好用的美妆和美食，只推荐自己回购的东西" }).where(eq(users.id, creator.id));
      const avatar = await storeRenderedUpload(tx, ctx.storage, { ownerId: creator.id, kind: "avatar", image: content.avatars[0]!, now });
      await setAvatar(at(ctx, tx, now), creator, avatar.id);
    }
  },
};

const notes: DemoSeedStep = {
  name: "demo notes",
  async run(tx, ctx, state) {
    const content = contentOf(state);
    const rng = content.rng.fork("notes");
    const now = ctx.clock.now();
    const handles = content.members.map((m) => m.profile.handle);
    const creator = state.users.creator;

    // Who writes: a few prolific members and a long tail, plus the demo creator account.
    const authorWeights = content.members.map((_, i) => 1 / (1 + (i % 11)) + 0.15);
    const plan: { author: CurrentUser; interests: string[]; publishedAt: Date }[] = [];
    for (let i = 0; i < DEMO_NOTE_COUNT; i++) {
      const useCreator = creator && i % 25 === 0;
      const member = content.members[rng.weightedIndex(authorWeights)]!;
      const author = useCreator ? creator : member.user;
      const interests = useCreator ? ["beauty", "food"] : member.profile.interests;
      // Busier recently: more notes in the last week than a month ago.
      const ageMs = Math.pow(rng.next(), 1.4) * 30 * DAY_MS;
      plan.push({ author, interests, publishedAt: new Date(Math.max(now.getTime() - ageMs, new Date(author.createdAt).getTime() + 60_000)) });
    }
    plan.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());

    for (const [i, item] of plan.entries()) {
      const roll = rng.next();
      const slug =
        roll < 0.7 ? item.interests[0]! : roll < 0.93 ? (item.interests[1] ?? item.interests[0]!) : rng.pick(CATEGORY_VOCABULARY).slug;
      const mentionable = handles.filter((h) => h !== item.author.handle);
      const note = generateNote(rng, slug, mentionable);
      const pictureCount = [1, 1, 1, 2, 2, 3, 3, 4, 6][rng.int(0, 8)]!;
      const pictures = rng.sample(content.covers.get(slug)!, pictureCount);
      const mediaIds: string[] = [];
      for (const image of pictures) {
        const upload = await storeRenderedUpload(tx, ctx.storage, {
          ownerId: item.author.id,
          kind: "image",
          image,
          now: new Date(item.publishedAt.getTime() - 5 * 60_000),
        });
        mediaIds.push(upload.id);
      }
      const post = await createPost(at(ctx, tx, item.publishedAt), item.author, {
        title: note.title,
        body: note.body,
        categorySlug: slug,
        mediaIds,
        publish: true,
      });
      content.notes.push({
        id: post.id,
        authorId: item.author.id,
        categorySlug: slug,
        publishedAt: item.publishedAt,
        product: note.product,
        audience: note.audience,
        likeCount: 0,
      });
      progress("notes", i + 1, plan.length);
    }
  },
};

/** Members who react to notes: the community plus the demo accounts that read (not admin or staff). */
function audienceOf(state: DemoSeedState, content: ContentSeedState): { user: CurrentUser; interests: string[] }[] {
  const demo = (["creator", "member", "mcn"] as const)
    .map((h) => state.users[h])
    .filter((u): u is CurrentUser => Boolean(u))
    .map((user) => ({ user, interests: ["beauty", "food", "home"] }));
  return [...content.members.map((m) => ({ user: m.user, interests: m.profile.interests })), ...demo];
}

/** A moment after `from` and before `to`, early rather than late (most reactions come in the first days). */
function after(rng: SeededRandom, from: Date, to: Date): Date {
  const span = Math.max(0, to.getTime() - from.getTime() - 60_000);
  return new Date(from.getTime() + 30_000 + Math.pow(rng.next(), 2.2) * span);
}

const follows: DemoSeedStep = {
  name: "demo follows",
  async run(tx, ctx, state) {
    const content = contentOf(state);
    const rng = content.rng.fork("follows");
    const now = ctx.clock.now();
    const audience = audienceOf(state, content);
    const notesBy = new Map<string, number>();
    for (const n of content.notes) notesBy.set(n.authorId, (notesBy.get(n.authorId) ?? 0) + 1);
    let done = 0;
    for (const follower of audience) {
      const candidates = audience.filter((a) => a.user.id !== follower.user.id);
      // Prolific authors and people with the same interests attract followers: a graph with hubs.
      const weights = candidates.map((c) => {
        const shared = c.interests.some((x) => follower.interests.includes(x)) ? 3 : 1;
        const creatorBoost = c.user.id === state.users.creator?.id ? 6 : 1;
        return (1 + (notesBy.get(c.user.id) ?? 0)) * shared * creatorBoost;
      });
      const wanted = rng.int(4, 14);
      const chosen = new Set<number>();
      for (let k = 0; k < wanted * 3 && chosen.size < wanted; k++) chosen.add(rng.weightedIndex(weights));
      const since = new Date(Math.max(new Date(follower.user.createdAt).getTime(), now.getTime() - 35 * DAY_MS));
      for (const index of chosen) {
        await followUser(at(ctx, tx, after(rng, since, now)), follower.user, candidates[index]!.user.id);
      }
      progress("follows", ++done, audience.length);
    }
  },
};

const engagement: DemoSeedStep = {
  name: "demo likes, favourites and comments",
  async run(tx, ctx, state) {
    const content = contentOf(state);
    const rng = content.rng.fork("engagement");
    const now = ctx.clock.now();
    const audience = audienceOf(state, content);
    for (const [i, note] of content.notes.entries()) {
      const readers = audience.filter((a) => a.user.id !== note.authorId);
      // A long tail: most notes get a handful of likes, a few get most of the community.
      const u = rng.next();
      const boost = note.authorId === state.users.creator?.id ? 2 : 1;
      const likeTarget = Math.min(readers.length, Math.floor((2 * Math.pow(1 / (1 - u), 0.85) - 1) * boost));
      const weights = readers.map((r) => (r.interests.includes(note.categorySlug) ? 4 : 1));
      const likers = new Set<number>();
      for (let k = 0; k < likeTarget * 4 && likers.size < likeTarget; k++) likers.add(rng.weightedIndex(weights));
      for (const index of likers) {
        const reader = readers[index]!;
        const when = after(rng, note.publishedAt, now);
        await likePost(at(ctx, tx, when), reader.user, note.id);
        if (rng.chance(0.3)) await favoritePost(at(ctx, tx, new Date(when.getTime() + 20_000)), reader.user, note.id);
      }
      note.likeCount = likers.size;
      if (rng.chance(0.05) && readers.length > 0) await favoritePost(at(ctx, tx, after(rng, note.publishedAt, now)), rng.pick(readers).user, note.id);

      const commentCount = Math.min(8, Math.floor(likers.size * 0.35 * rng.next()) + (rng.chance(0.35) ? 1 : 0));
      for (let c = 0; c < commentCount; c++) {
        const commenter = readers[rng.weightedIndex(weights)]!;
        const when = after(rng, note.publishedAt, now);
        const { body, isQuestion } = generateComment(rng, note);
        const comment = await createComment(at(ctx, tx, when), commenter.user, { postId: note.id, body });
        // Questions usually get an answer from the author; other comments now and then a reply.
        if (isQuestion ? rng.chance(0.75) : rng.chance(0.15)) {
          const author = audience.find((a) => a.user.id === note.authorId)?.user ?? state.users.creator;
          const replier = isQuestion && author ? author : rng.pick(readers).user;
          if (replier.id !== commenter.user.id) {
            await createComment(at(ctx, tx, after(rng, when, now)), replier, { postId: note.id, body: generateReply(rng), parentId: comment.id });
          }
        }
      }
      progress("engagement", i + 1, content.notes.length);
    }
  },
};

const moderation: DemoSeedStep = {
  name: "demo picks and moderation queue",
  async run(tx, ctx, state) {
    const content = contentOf(state);
    const rng = content.rng.fork("moderation");
    const now = ctx.clock.now();
    const staff = state.users.staff;
    if (!staff) return;

    // Staff picks: the best-liked notes of the last weeks.
    const picks = [...content.notes].sort((a, b) => b.likeCount - a.likeCount).slice(0, 8);
    for (const pick of picks) await featurePost(at(ctx, tx, after(rng, pick.publishedAt, now)), staff, pick.id);

    // One note held by the keyword filter and one reported note, so the staff queue has work in it.
    await addKeyword(at(ctx, tx, new Date(now.getTime() - 2 * DAY_MS)), staff, { keyword: DEMO_HELD_KEYWORD });
    const seller = content.members[rng.int(0, content.members.length - 1)]!;
    const images = content.covers.get("beauty")!;
    const upload = await storeRenderedUpload(tx, ctx.storage, { ownerId: seller.user.id, kind: "image", image: images[0]!, now });
    await createPost(at(ctx, tx, new Date(now.getTime() - 3 * 60 * 60 * 1000)), seller.user, {
      title: "低价出闲置护肤品，全新未拆",
      body: `整理柜子翻出来好多没拆封的护肤品，都是正品，价格比专柜低很多。想要的姐妹${DEMO_HELD_KEYWORD}详聊，先到先得～\n\n#闲置转让 #护肤心得`,
      categorySlug: "beauty",
      mediaIds: [upload.id],
      publish: true,
    });
    const reported = content.notes[Math.floor(content.notes.length * 0.8)]!;
    const reporter = content.members.find((m) => m.user.id !== reported.authorId)!;
    await reportContent(at(ctx, tx, new Date(now.getTime() - DAY_MS)), reporter.user, {
      targetType: "post",
      targetId: reported.id,
      reason: "spam",
      detail: "图片和别人的笔记一模一样，疑似搬运",
    });
  },
};

/**
 * Scores the notes just written (hot, quality), so 热门 and 推荐 rank them from the first page view
 * instead of after the scheduled job's first run.
 */
const scores: DemoSeedStep = {
  name: "demo feed scores",
  async run(tx, ctx) {
    await recomputePostScores(tx, ctx.clock.now());
  },
};

/** The demo content, after the demo accounts: pictures, members, notes, the follow graph, reactions, moderation. */
export const CONTENT_SEED_STEPS: DemoSeedStep[] = [renderImages, members, notes, follows, engagement, moderation, scores];
