import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import type { AppContext } from "../../../server/context";
import { applyAsCreator, decideCreatorApplication } from "../../../server/creators/applications";
import { inviteCandidate } from "../../../server/creators/recruitment";
import { findCurrentUser } from "../../../server/identity";
import { FixedClock } from "../../../server/shared/clock";
import { rowsOf } from "../../../server/shared/sql-rows";
import type { DemoSeedStep } from "../demo";

const DAY = 86_400_000;

/** Who applies, from which invitation, and how far staff took it. */
const PLAN = [
  { realName: "苏小棠", contact: "+86 139 1000 2001", region: "杭州市西湖区", talents: ["穿搭", "拍照"], invite: false, steps: [] as string[], daysAgo: 1 },
  { realName: "顾言", contact: "guyan@example.cn", region: "北京市朝阳区", talents: ["测评"], invite: false, steps: ["review"], daysAgo: 3 },
  { realName: "林晚", contact: "+86 137 2000 3002", region: "成都市锦江区", talents: ["探店", "短视频"], invite: true, steps: ["review", "trial"], daysAgo: 6 },
  { realName: "许念", contact: "xunian@example.cn", region: "广州市天河区", talents: ["护肤"], invite: false, steps: ["reject"], daysAgo: 12 },
  { realName: "白露", contact: "+86 135 3000 4003", region: "上海市静安区", talents: ["彩妆", "教程"], invite: true, steps: ["review", "approve"], daysAgo: 20 },
] as const;

/**
 * Creator applications in every state through the domain functions, each on a fixed clock at its own
 * moment: one just submitted, one in review, one in a running trial task (with a note already counted),
 * one rejected with a reason, and one approved (now a creator with the 认证创作者 badge) — plus staff
 * invitations at each step of the funnel, and one member invited who has not applied yet. The demo
 * `member` account is left free to apply.
 */
export const applicationsSeedSteps: DemoSeedStep[] = [
  {
    name: "creator applications",
    run: async (tx, ctx, state) => {
      const staff = state.users.staff;
      if (!staff) return;
      const now = ctx.clock.now();
      const cats = rowsOf<{ id: string; slug: string }>(await tx.execute(sql`select id, slug from categories where is_active order by position, slug`));
      if (cats.length === 0) return;
      // Community members who post and are neither creators nor staff, most active first.
      const people = rowsOf<{ id: string }>(
        await tx.execute(sql`
          select u.id from users u
          where lower(u.handle) not in ('admin', 'staff', 'mcn', 'creator', 'member')
            and not exists (select 1 from user_roles r where r.user_id = u.id and r.role <> 'member')
            and not exists (select 1 from creator_applications a where a.applicant_id = u.id)
          order by (select count(*) from posts p where p.author_id = u.id) desc, u.handle
          limit ${PLAN.length + 1}`),
      );
      const at = (daysAgo: number, hours = 0): AppContext => ({ ...ctx, db: tx as unknown as Database, clock: new FixedClock(new Date(now.getTime() - daysAgo * DAY + hours * 3_600_000)) });

      for (const [i, plan] of PLAN.entries()) {
        const id = people[i]?.id;
        if (!id) break;
        const applicant = await findCurrentUser(tx, id);
        if (!applicant) continue;
        const category = cats[i % cats.length]!;
        if (plan.invite) await inviteCandidate(at(plan.daysAgo + 2), staff, { userId: id, category: category.slug });
        const app = await applyAsCreator(at(plan.daysAgo), applicant, {
          realName: plan.realName,
          contact: plan.contact,
          region: plan.region,
          categories: [category.slug, cats[(i + 1) % cats.length]!.slug].filter((s, k, all) => all.indexOf(s) === k),
          talents: [...plan.talents],
          platformAccounts: [{ platform: i % 2 ? "抖音" : "微博", handle: `demo_${i + 1}`, followers: 1_800 * (i + 1) }],
          sampleNotes: "近期代表作见主页笔记。",
          // Picked from their own published notes, as the form's picker offers them.
          samplePostIds: rowsOf<{ id: string }>(
            await tx.execute(sql`select id from posts where author_id = ${id} and status = 'published' order by published_at desc, id limit 3`),
          ).map((r) => r.id),
        });
        for (const [k, step] of plan.steps.entries()) {
          const when = at(Math.max(0, plan.daysAgo - 1 - k));
          if (step === "review") await decideCreatorApplication(when, staff, app.id, { action: "review" });
          if (step === "trial") await decideCreatorApplication(when, staff, app.id, { action: "trial", trialCategoryId: category.id });
          if (step === "approve") await decideCreatorApplication(when, staff, app.id, { action: "approve" });
          if (step === "reject") await decideCreatorApplication(when, staff, app.id, { action: "reject", reason: "样稿数量不足，建议多发布几篇原创笔记后再申请" });
        }
      }
      const waiting = people[PLAN.length]?.id;
      if (waiting) await inviteCandidate(at(1), staff, { userId: waiting });
    },
  },
];
