import fs from "node:fs";
import { and, eq, isNull } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fanOnlyPosts, postCurations, posts } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import { createComment } from "../../server/content";
import type { CurrentUser } from "../../server/identity";
import { createTestNote } from "../factories/distribution-links";
import { createTestUser, TEST_PASSWORD, uniqueHandle } from "../factories/users";
import { chromiumPath, PhoneBrowser } from "../setup/browser";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const SHOTS = "/tmp/shots";

/**
 * The note controls in a real browser (production build): staff feature and pin a note from its 运营
 * panel, which members never see; a creator's 粉丝专属 box on /publish (absent for members) and the
 * edit form; a reader outside the fan group finds the join call where the comments were; an applicant
 * ticks their own notes as samples.
 */
describe.skipIf(!chromiumPath)("note controls in the browser", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const phone = new PhoneBrowser({ password: TEST_PASSWORD, phoneUserAgent: true });
  let staff: CurrentUser;
  let creator: CurrentUser;
  let member: CurrentUser;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase();
    server = await startTestServer(db, { withUi: true });
    await phone.launch(server.url);
    staff = (await createTestUser(db.handle.db, { handle: uniqueHandle("ns"), roles: ["staff"], displayName: "运营小林" })).user;
    creator = (await createTestUser(db.handle.db, { handle: uniqueHandle("nc"), roles: ["creator"], displayName: "护肤研究所" })).user;
    member = (await createTestUser(db.handle.db, { handle: uniqueHandle("nm"), displayName: "路过的小鹿" })).user;
  }, 180_000);
  afterAll(async () => {
    await phone.close();
    await server?.stop();
    await db?.close();
  });

  async function hydrated(page: Page) {
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
    await page.waitForLoadState("networkidle");
  }

  it("staff feature and pin a note from its 运营 panel; a member's page has no panel", async () => {
    const note = await createTestNote(db.handle.db, member.id, { title: "油皮夏天的控油清单" });
    const ops = await phone.pageAs(staff.handle);
    await ops.goto(`${server.url}/n/${note.id}`);
    await hydrated(ops);
    const panel = ops.getByRole("region", { name: "运营" });
    await expect.poll(() => panel.getByText("未加入精选").count()).toBe(1);
    await panel.getByRole("button", { name: "加入精选" }).click();
    await expect.poll(() => panel.getByText("已加入精选", { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => panel.getByRole("button", { name: "取消精选" }).count()).toBe(1);

    await panel.getByLabel("置顶").check();
    await panel.getByLabel("原因").fill("本周护肤专题");
    await panel.getByRole("button", { name: "应用" }).click();
    await expect.poll(() => panel.getByText("当前：置顶").count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => panel.getByRole("button", { name: "取消置顶" }).count()).toBe(1);
    const [live] = await db.handle.db.select().from(postCurations).where(and(eq(postCurations.postId, note.id), isNull(postCurations.endedAt)));
    expect(live).toMatchObject({ action: "pin", reason: "本周护肤专题" });
    await panel.screenshot({ path: `${SHOTS}/note-curation-panel.png` });
    const [row] = await db.handle.db.select({ featuredAt: posts.featuredAt }).from(posts).where(eq(posts.id, note.id));
    expect(row!.featuredAt).not.toBeNull();

    const reader = await phone.pageAs(member.handle);
    await reader.goto(`${server.url}/n/${note.id}`);
    await hydrated(reader);
    expect(await reader.getByRole("heading", { name: "油皮夏天的控油清单" }).count()).toBe(1);
    expect(await reader.getByRole("region", { name: "运营" }).count()).toBe(0);
    expect(await reader.getByRole("button", { name: "加入精选" }).count()).toBe(0);
    expect(phone.errors).toEqual([]);
  });

  it("a creator sees the 粉丝专属 box on publish and edit (ticked for a fan-only note); a member's publish form has none", async () => {
    const writer = await phone.pageAs(creator.handle);
    await writer.goto(`${server.url}/publish`);
    await hydrated(writer);
    expect(await writer.getByLabel("粉丝专属").count()).toBe(1);
    await writer.screenshot({ path: `${SHOTS}/publish-fan-only.png`, fullPage: true });

    const plain = await phone.pageAs(member.handle);
    await plain.goto(`${server.url}/publish`);
    await hydrated(plain);
    expect(await plain.getByLabel("标题").count()).toBe(1);
    expect(await plain.getByLabel("粉丝专属").count()).toBe(0);

    // The edit form shows where the note stands: unticked, then ticked once the note is fan-only.
    const note = await createTestNote(db.handle.db, creator.id, { title: "敏感肌的修护步骤" });
    await writer.goto(`${server.url}/n/${note.id}/edit`);
    await hydrated(writer);
    expect(await writer.getByLabel("粉丝专属").isChecked()).toBe(false);
    await db.handle.db.insert(fanOnlyPosts).values({ postId: note.id, creatorId: creator.id, markedAt: new Date() });
    await writer.reload();
    await hydrated(writer);
    expect(await writer.getByLabel("粉丝专属").isChecked()).toBe(true);
    expect(phone.errors).toEqual([]);
  });

  it("a reader outside the fan group finds the join call where the comments and the comment box were", async () => {
    const note = await createTestNote(db.handle.db, creator.id, { title: "只给粉丝的早C晚A" });
    await db.handle.db.insert(fanOnlyPosts).values({ postId: note.id, creatorId: creator.id, markedAt: new Date() });
    await createComment(server.ctx, creator, { postId: note.id, body: "有问题评论区问我" });

    const reader = await phone.pageAs(member.handle);
    await reader.goto(`${server.url}/n/${note.id}`);
    await hydrated(reader);
    expect(await reader.getByText("评论仅粉丝团成员可见").count()).toBe(1);
    expect(await reader.getByText("有问题评论区问我").count()).toBe(0);
    expect(await reader.getByLabel("评论内容").count()).toBe(0);
    const join = reader.getByTestId("fan-only-comments-lock").getByRole("link", { name: "加入粉丝团", exact: true });
    expect(await join.getAttribute("href")).toBe(`/u/${creator.handle}/fans`);
    await reader.screenshot({ path: `${SHOTS}/note-fan-only-locked.png`, fullPage: true });

    const author = await phone.pageAs(creator.handle);
    await author.goto(`${server.url}/n/${note.id}`);
    await hydrated(author);
    expect(await author.getByText("有问题评论区问我").count()).toBe(1);
    expect(await author.getByText("评论仅粉丝团成员可见").count()).toBe(0);
    expect(phone.errors).toEqual([]);
  });

  it("an applicant ticks their own published notes as samples", async () => {
    const applicant = (await createTestUser(db.handle.db, { handle: uniqueHandle("na"), displayName: "想当创作者" })).user;
    const note = await createTestNote(db.handle.db, applicant.id, { title: "平价粉底液横评" });
    await createTestNote(db.handle.db, member.id, { title: "别人的笔记" });
    const page = await phone.pageAs(applicant.handle);
    await page.goto(`${server.url}/creator/apply`);
    await hydrated(page);
    const picker = page.getByRole("group", { name: "选择代表作品（最多 9 篇）" });
    expect(await picker.getByRole("checkbox").count()).toBe(1);
    await picker.getByLabel("平价粉底液横评").check();
    expect(await page.getByText("别人的笔记").count()).toBe(0);
    expect(await picker.getByRole("checkbox").first().getAttribute("value")).toBe(note.id);
    await picker.screenshot({ path: `${SHOTS}/creator-apply-samples.png` });
    expect(phone.errors).toEqual([]);
  });
});
