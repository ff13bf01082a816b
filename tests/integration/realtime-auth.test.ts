import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSeedbed } from "../../server/boot";
import type { CurrentUser } from "../../server/identity";
import { createAccessToken } from "../../server/identity";
import { createTestContext } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import {
  closeAllSockets,
  command,
  connect,
  connectError,
  nextEvent,
  recordEvents,
  signedUpMember,
  sleep,
} from "../fixtures/realtime-clients";

describe("realtime: who a socket is", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;
  let alice: { user: CurrentUser; cookie: string };
  let bob: { user: CurrentUser; cookie: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    // In-memory adapter here; the Redis adapter is proven across processes in realtime-cluster.
    server = await startTestServer(db);
    const ctx = createTestContext(db.handle.db);
    alice = await signedUpMember(ctx, "alice");
    bob = await signedUpMember(ctx, "bob");
  });
  afterAll(async () => {
    closeAllSockets();
    await server?.stop();
    await db?.close();
  });

  const notification = () => ({ id: randomUUID(), type: "comment", createdAt: new Date().toISOString() });

  it("delivers a member's notification to every socket they signed in with, and to no one else", async () => {
    const aliceTab1 = await connect(server.url, { cookie: alice.cookie });
    const aliceTab2 = await connect(server.url, { cookie: alice.cookie });
    const bobTab = await connect(server.url, { cookie: bob.cookie });
    const bobSaw = recordEvents(bobTab, "notification:created");

    const sent = notification();
    const tab1 = nextEvent(aliceTab1, "notification:created");
    const tab2 = nextEvent(aliceTab2, "notification:created");
    server.ctx.realtime.toUser(alice.user.id, "notification:created", sent);
    expect(await tab1).toEqual(sent);
    expect(await tab2).toEqual(sent);

    // Bob's own notification does arrive on his socket, so the silence above was not a broken socket.
    const forBob = notification();
    const bobGot = nextEvent(bobTab, "notification:created");
    server.ctx.realtime.toUser(bob.user.id, "notification:created", forBob);
    expect(await bobGot).toEqual(forBob);
    expect(bobSaw.received).toEqual([forBob]);
  });

  it("authenticates an app by personal access token", async () => {
    const { token } = await createAccessToken(server.ctx, bob.user.id, { name: "phone app" });
    const app = await connect(server.url, { token });
    const sent = notification();
    const got = nextEvent(app, "notification:created");
    server.ctx.realtime.toUser(bob.user.id, "notification:created", sent);
    expect(await got).toEqual(sent);
  });

  it("drops a member's sockets when they log out, and the ended session reconnects only as a visitor", async () => {
    const carol = await signedUpMember(createTestContext(db.handle.db), "carol");
    const tab = await connect(server.url, { cookie: carol.cookie });
    const dropped = new Promise<string>((resolve) => tab.once("disconnect", (reason) => resolve(reason)));
    const res = await fetch(`${server.url}/api/v1/auth/log-out`, { method: "POST", headers: { cookie: carol.cookie } });
    expect(res.status).toBe(204);
    expect(await dropped).toBe("io server disconnect");

    // The same cookie now opens a visitor's socket: nothing addressed to Carol arrives on it.
    const again = await connect(server.url, { cookie: carol.cookie });
    const seen = recordEvents(again, "notification:created");
    server.ctx.realtime.toUser(carol.user.id, "notification:created", notification());
    await sleep(200);
    expect(seen.received).toEqual([]);
  });

  it("drops a socket opened with an access token when the token is revoked", async () => {
    const dave = await signedUpMember(createTestContext(db.handle.db), "dave");
    const { token, accessToken } = await createAccessToken(server.ctx, dave.user.id, { name: "app" });
    const app = await connect(server.url, { token });
    const dropped = new Promise<string>((resolve) => app.once("disconnect", (reason) => resolve(reason)));
    const res = await fetch(`${server.url}/api/v1/me/access-tokens/${accessToken.id}`, {
      method: "DELETE",
      headers: { cookie: dave.cookie },
    });
    expect(res.status).toBe(204);
    expect(await dropped).toBe("io server disconnect");
    expect((await connectError(server.url, { token })).data?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a wrong access token at connect with a clear message", async () => {
    const wrong = await connectError(server.url, { token: "sbp_this-token-was-never-issued" });
    expect(wrong.message).toBe("Invalid or expired access token.");
    expect(wrong.data?.code).toBe("UNAUTHENTICATED");

    const notAString = await connectError(server.url, { token: { $ne: null } });
    expect(notAString.data?.code).toBe("UNAUTHENTICATED");

    // A valid cookie does not rescue a wrong token: the token alone decides.
    const both = await connectError(server.url, { token: "sbp_wrong", cookie: alice.cookie });
    expect(both.data?.code).toBe("UNAUTHENTICATED");
  });

  it("lets a visitor follow a public page but never receive a member's personal events", async () => {
    const visitor = await connect(server.url);
    const visitorSaw = recordEvents(visitor, "notification:created");
    const room = `post:${randomUUID()}`;
    expect(await command(visitor, "room:join", { room })).toEqual({ data: { room } });

    const pageFact = nextEvent(visitor, "post:liked");
    server.ctx.realtime.toRoom(room, "post:liked", { likes: 3 });
    expect(await pageFact).toEqual({ likes: 3 });

    // A user room can't be joined by name, not even with a valid id.
    const sneaky = await command(visitor, "room:join", { room: `user:${alice.user.id}` });
    expect(sneaky).toMatchObject({ error: { code: "VALIDATION_FAILED" } });

    const aliceTab = await connect(server.url, { cookie: alice.cookie });
    const aliceGot = nextEvent(aliceTab, "notification:created");
    server.ctx.realtime.toUser(alice.user.id, "notification:created", notification());
    await aliceGot;
    await sleep(100);
    expect(visitorSaw.received).toEqual([]);
  });

  it("treats a forged or expired session cookie as a visitor rather than refusing the page", async () => {
    const forged = await connect(server.url, { cookie: `sb_session=${randomUUID()}.not-our-signature` });
    const saw = recordEvents(forged, "notification:created");
    const aliceTab = await connect(server.url, { cookie: alice.cookie });
    const aliceGot = nextEvent(aliceTab, "notification:created");
    server.ctx.realtime.toUser(alice.user.id, "notification:created", notification());
    await aliceGot;
    await sleep(100);
    expect(saw.received).toEqual([]);
    expect(forged.connected).toBe(true);
  });

  it("works over HTTP long-polling too (browsers behind proxies that block WebSocket)", async () => {
    const polling = await connect(server.url, { cookie: alice.cookie, transports: ["polling"] });
    const room = `challenge:${randomUUID()}`;
    expect(await command(polling, "room:join", { room })).toEqual({ data: { room } });
    const sent = notification();
    const got = nextEvent(polling, "notification:created");
    server.ctx.realtime.toUser(alice.user.id, "notification:created", sent);
    expect(await got).toEqual(sent);
    // Express still answers the rest of the site on the same port.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("refuses a socket opened by a page on another site, which would otherwise ride on the cookie", async () => {
    const err = await connectError(server.url, { cookie: alice.cookie, origin: "https://evil.example" });
    expect(err.message).toMatch(/websocket error|xhr poll error|forbidden/i);
    const sameSite = await connect(server.url, { cookie: alice.cookie, origin: server.url });
    expect(sameSite.connected).toBe(true);
  });

  it("refuses to push an event whose name is not context:verbed, without throwing at the caller", async () => {
    const aliceTab = await connect(server.url, { cookie: alice.cookie });
    const saw = recordEvents(aliceTab, "Not An Event");
    expect(() => server.ctx.realtime.toUser(alice.user.id, "Not An Event", {})).not.toThrow();
    const good = nextEvent(aliceTab, "notification:created");
    server.ctx.realtime.toUser(alice.user.id, "notification:created", notification());
    await good;
    expect(saw.received).toEqual([]);
  });
});
