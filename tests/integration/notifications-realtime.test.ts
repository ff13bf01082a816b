import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "../../db/schema";
import type { RunningSeedbed } from "../../server/boot";
import type { CurrentUser } from "../../server/identity";
import { emitEvent } from "../../server/jobs";
import { createJobRunner } from "../../server/jobs/runner";
import { notificationConsumers } from "../../server/notifications";
import type { NotificationCreated } from "../../server/realtime";
import { closeAllSockets, connect, nextEvent, recordEvents, signedUpMember, sleep } from "../fixtures/realtime-clients";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";

describe("notifications arrive over realtime", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  let author: { user: CurrentUser; cookie: string };
  let fan: { user: CurrentUser; cookie: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db);
    author = await signedUpMember(server.ctx, "author");
    fan = await signedUpMember(server.ctx, "fan");
  });
  afterAll(async () => {
    closeAllSockets();
    await server?.stop();
    await db?.close();
  });

  it("pushes a like to the author's open tab with the new unread count, and to no one else", async () => {
    const now = server.ctx.clock.now();
    const [note] = await db.handle.db
      .insert(posts)
      .values({ authorId: author.user.id, title: "周末露营装备清单", status: "published", publishedAt: now, createdAt: now, updatedAt: now })
      .returning();
    const authorTab = await connect(server.url, { cookie: author.cookie });
    const fanTab = await connect(server.url, { cookie: fan.cookie });
    const fanSaw = recordEvents(fanTab, "notification:created");

    await db.handle.db.transaction((tx) =>
      emitEvent(tx, {
        type: "content.post.liked",
        payload: { postId: note!.id, userId: fan.user.id, authorId: author.user.id, categoryId: null },
        occurredAt: now,
      }),
    );
    const pushed = nextEvent<NotificationCreated>(authorTab, "notification:created");
    // The server's own publisher, as the web process's job runner uses it.
    await createJobRunner({
      db: db.handle.db,
      logger: server.ctx.logger,
      clock: server.ctx.clock,
      consumers: notificationConsumers,
      context: { config: server.ctx.config, realtime: server.ctx.realtime },
    }).drain();

    const payload = await pushed;
    expect(payload.unreadCount).toBe(1);
    expect(payload.notification).toMatchObject({
      type: "like",
      read: false,
      actorCount: 1,
      actors: [{ id: fan.user.id, handle: fan.user.handle }],
      subject: { type: "post", id: note!.id, title: "周末露营装备清单" },
    });
    await sleep(100);
    expect(fanSaw.received).toEqual([]);
  });
});
