import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, piiAccessLog } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import type { CurrentUser } from "../../server/identity";
import { createTestNote } from "../factories/distribution-links";
import { createTestUser, TEST_PASSWORD, uniqueHandle } from "../factories/users";
import { chromiumPath, PhoneBrowser } from "../setup/browser";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

const SHOTS = "/tmp/shots";

/**
 * The creator program's front door in real browsers (production build, jobs running in the web
 * process): a member fills in the application; staff, in a second browser, open it — the personal data
 * under its logged-access notice — and approve it; the member then finds their status approved, the
 * 认证创作者 certificate on their badge wall, and the 分享赚佣金 panel that creates a link.
 */
describe.skipIf(!chromiumPath)("creator applications in the browser", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  // Headless Chromium names itself "HeadlessChrome", which isbot counts as a bot: present as a phone.
  const phone = new PhoneBrowser({ password: TEST_PASSWORD, phoneUserAgent: true });
  const newPage = (handle: string) => phone.pageAs(handle);
  let member: CurrentUser;
  let staff: CurrentUser;
  let noteId: string;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase();
    server = await startTestServer(db, { withUi: true, env: { RUN_JOBS: "1" } });
    await phone.launch(server.url);
    member = (await createTestUser(db.handle.db, { handle: uniqueHandle("ap"), displayName: "想当博主的小鹿" })).user;
    staff = (await createTestUser(db.handle.db, { handle: uniqueHandle("st"), roles: ["staff"], displayName: "运营小周" })).user;
    await db.handle.db.insert(categories).values({ slug: "e2e-beauty", nameZh: "美妆护肤", nameEn: "Beauty", createdAt: new Date() }).onConflictDoNothing();
    const author = (await createTestUser(db.handle.db, { handle: uniqueHandle("au") })).user;
    noteId = (await createTestNote(db.handle.db, author.id, { title: "敏感肌的秋冬修护清单" })).id;
  }, 180_000);
  afterAll(async () => {
    await phone.close();
    await server?.stop();
    await db?.close();
  });

  it("a member applies, staff approve in another browser, and the member has the badge, the certificate and link rights", async () => {
    const applicant = await newPage(member.handle);
    await applicant.goto(`${server.url}/creator/apply`);
    await applicant.waitForLoadState("networkidle");
    await applicant.getByLabel("真实姓名").fill("鹿小溪");
    await applicant.getByLabel("联系方式（手机或邮箱）").fill("13912345678");
    await applicant.getByLabel("所在地区").fill("苏州");
    await applicant.getByLabel("美妆护肤").check();
    await applicant.getByLabel("特长（用逗号分隔）").fill("护肤测评，成分分析");
    await applicant.getByLabel("平台 1").fill("小红书");
    await applicant.getByLabel("账号 1").fill("luxiaoxi");
    await applicant.getByLabel("粉丝数 1").fill("5200");
    await applicant.screenshot({ path: `${SHOTS}/creator-apply.png`, fullPage: true });
    await applicant.getByRole("button", { name: "提交申请" }).click();
    await applicant.waitForURL(/\/creator\/application\?submitted=1$/);
    await expect.poll(() => applicant.getByTestId("application-status").getAttribute("data-status")).toBe("submitted");

    const reviewer = await newPage(staff.handle);
    await reviewer.goto(`${server.url}/ops/creators/applications?status=submitted`);
    await reviewer.waitForLoadState("networkidle");
    const row = reviewer.getByTestId("application-row").filter({ hasText: member.handle });
    await row.getByRole("link", { name: "查看" }).click();
    await reviewer.waitForURL(/\/ops\/creators\/applications\/[0-9a-f-]{36}$/);
    await expect.poll(() => reviewer.getByTestId("pii-notice").textContent()).toContain("每次查看都会被记录");
    expect(await reviewer.getByTestId("pii-real-name").textContent()).toBe("鹿小溪");
    const views = await db.handle.db.select().from(piiAccessLog).where(eq(piiAccessLog.viewerId, staff.id));
    expect(views.length).toBeGreaterThanOrEqual(1);
    await reviewer.screenshot({ path: `${SHOTS}/ops-application.png`, fullPage: true });
    await reviewer.getByRole("button", { name: "通过", exact: true }).click();
    await reviewer.waitForURL(/done=approved$/);
    await expect.poll(() => reviewer.getByRole("status").textContent()).toContain("已通过");

    await applicant.goto(`${server.url}/creator/application`);
    await expect.poll(() => applicant.getByTestId("application-status").getAttribute("data-status")).toBe("approved");
    // The badge wall links the creator badge to its certificate.
    await applicant.goto(`${server.url}/u/${member.handle}`);
    await applicant.waitForLoadState("networkidle");
    const certificateLink = applicant.getByRole("link", { name: "查看 认证创作者 的证书" });
    await expect.poll(() => certificateLink.count()).toBe(1);
    await certificateLink.click();
    await applicant.waitForURL(/\/certificates\//);
    await expect.poll(() => applicant.getByRole("region", { name: "电子证书" }).textContent()).toContain("认证创作者");
    await applicant.screenshot({ path: `${SHOTS}/creator-certificate.png`, fullPage: true });

    // Distribution rights came with the approval: the note's share panel creates a link.
    await applicant.goto(`${server.url}/n/${noteId}`);
    await applicant.waitForLoadState("networkidle");
    const panel = applicant.getByRole("region", { name: "分享赚佣金" });
    await panel.scrollIntoViewIfNeeded();
    await panel.getByRole("button", { name: "生成推广链接" }).click();
    await applicant.waitForURL(/\/me\/links\/[0-9a-f-]{36}\?new=1$/);
    expect(await applicant.getByLabel("推广链接地址").inputValue()).toMatch(new RegExp(`^${server.url}/d/[1-9A-HJ-NP-Za-km-z]{10}$`));
    expect(phone.errors).toEqual([]);
  });

  it("renders the candidates page with its funnel chart", async () => {
    const page = await newPage(staff.handle);
    await page.goto(`${server.url}/ops/creators/candidates`);
    await page.waitForLoadState("networkidle");
    await expect.poll(() => page.getByTestId("recruitment-funnel").locator("svg[role=img]").count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/ops-candidates.png`, fullPage: true });
    expect(phone.errors).toEqual([]);
  });
});
