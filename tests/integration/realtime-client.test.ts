import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRealtimeClient, type RealtimeClient } from "../../app/utils/realtime.client";
import type { RunningSeedbed } from "../../server/boot";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { nextEvent, sleep } from "../fixtures/realtime-clients";

/** The browser helper, driven from Node against the real server. */
describe("realtime: the browser client helper", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  const clients: RealtimeClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.stop();
    await db?.close();
  });

  const open = async () => {
    const client = createRealtimeClient({ url: server.url });
    clients.push(client);
    if (!client.socket.connected) await nextEvent(client.socket, "connect");
    return client;
  };

  it("keeps following a page after the connection drops, and asks the page to re-fetch", async () => {
    const client = await open();
    const room = `post:${randomUUID()}` as const;
    const unfollow = client.follow(room);
    let resyncs = 0;
    client.onResync(() => resyncs++);
    const likes: unknown[] = [];
    const socket = client.socket as unknown as { on(e: string, l: (p: unknown) => void): void };
    socket.on("post:liked", (p) => likes.push(p));
    await sleep(100);

    server.ctx.realtime.toRoom(room, "post:liked", { likes: 1 });
    await expect.poll(() => likes).toEqual([{ likes: 1 }]);

    // The network drops; Socket.IO reconnects by itself, and the server has forgotten the room.
    const reconnected = nextEvent(client.socket, "connect");
    client.socket.io.engine.close();
    await reconnected;
    await expect.poll(() => resyncs).toBe(1);
    await sleep(100); // the re-join's ack

    server.ctx.realtime.toRoom(room, "post:liked", { likes: 2 });
    await expect.poll(() => likes).toEqual([{ likes: 1 }, { likes: 2 }]);

    unfollow();
    await sleep(100);
    server.ctx.realtime.toRoom(room, "post:liked", { likes: 3 });
    await sleep(200);
    expect(likes).toEqual([{ likes: 1 }, { likes: 2 }]);
  });

  it("leaves a room only when the last of several followers stops", async () => {
    const client = await open();
    const room = `feed:hot-${randomUUID().slice(0, 8)}` as const;
    const stopA = client.follow(room);
    const stopB = client.follow(room);
    await sleep(100);
    const counts: unknown[] = [];
    const socket = client.socket as unknown as { on(e: string, l: (p: unknown) => void): void };
    socket.on("feed:updated", (p) => counts.push(p));

    stopA();
    stopA(); // stopping twice does not count twice
    await sleep(100);
    server.ctx.realtime.toRoom(room, "feed:updated", { n: 1 });
    await expect.poll(() => counts).toEqual([{ n: 1 }]);

    stopB();
    await sleep(100);
    server.ctx.realtime.toRoom(room, "feed:updated", { n: 2 });
    await sleep(200);
    expect(counts).toEqual([{ n: 1 }]);
  });
});
