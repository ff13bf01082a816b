import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSeedbed } from "../../server/boot";
import { MAX_CLIENT_MESSAGE_BYTES, MAX_ROOMS_PER_SOCKET } from "../../server/realtime";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { startTestServer } from "../setup/server";
import { closeAllSockets, command, connect, fire, nextEvent, sleep, type TestSocket } from "../fixtures/realtime-clients";

describe("realtime: bad clients do not hurt good ones", () => {
  let db: TestDatabase;
  let server: RunningSeedbed;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db);
  });
  afterAll(async () => {
    closeAllSockets();
    await server?.stop();
    await db?.close();
  });

  /** A fresh, polite visitor follows a page and hears about it: the node is still serving. */
  async function wellBehavedVisitorStillServed() {
    const visitor = await connect(server.url);
    const room = `post:${randomUUID()}`;
    expect(await command(visitor, "room:join", { room })).toEqual({ data: { room } });
    const got = nextEvent(visitor, "post:liked");
    server.ctx.realtime.toRoom(room, "post:liked", { likes: 1 });
    expect(await got).toEqual({ likes: 1 });
    visitor.disconnect();
  }

  it("answers malformed commands with error acks and keeps the connection", async () => {
    const rude = await connect(server.url);
    const cases: [string, unknown[], string][] = [
      ["a bare string payload", ["room:join", "post:abc"], "VALIDATION_FAILED"],
      ["a number payload", ["room:join", 42], "VALIDATION_FAILED"],
      ["a null payload", ["room:join", null], "VALIDATION_FAILED"],
      ["an array payload", ["room:join", [{ room: `post:${randomUUID()}` }]], "VALIDATION_FAILED"],
      ["no payload at all", ["room:join"], "VALIDATION_FAILED"],
      ["a room name that is not a string", ["room:join", { room: { $gt: "" } }], "VALIDATION_FAILED"],
      ["a 10 KB room name", ["room:join", { room: "post:" + "x".repeat(10_000) }], "VALIDATION_FAILED"],
      ["an unknown room kind", ["room:join", { room: "admin:all" }], "VALIDATION_FAILED"],
      ["a post room without a uuid", ["room:join", { room: "post:1 OR 1=1" }], "VALIDATION_FAILED"],
      ["somebody's user room", ["room:join", { room: `user:${randomUUID()}` }], "VALIDATION_FAILED"],
      ["extra fields", ["room:leave", { room: `post:${randomUUID()}`, as: "admin" }], "VALIDATION_FAILED"],
      ["an unknown event", ["admin:nuke", {}], "NOT_FOUND"],
      ["an event named like an Object method", ["constructor", {}], "NOT_FOUND"],
      ["an event named __proto__", ["__proto__", {}], "NOT_FOUND"],
      ["a numeric event name", [42, { room: `post:${randomUUID()}` }], "VALIDATION_FAILED"],
    ];
    for (const [what, args, code] of cases) {
      const ack = await command(rude, ...(args as [unknown, ...unknown[]]));
      expect(ack, what).toMatchObject({ error: { code, message: expect.any(String) } });
    }
    const fields = await command(rude, "room:join", { room: "post:nope" });
    expect(fields).toMatchObject({ error: { fields: { room: [expect.stringMatching(/kind/)] } } });

    // Without an ack function the garbage goes unanswered, and nothing breaks.
    fire(rude, "room:join", "garbage");
    fire(rude, "nobody:listens", { a: 1 });
    fire(rude, 7);

    // A valid command without an ack still takes effect.
    const room = `post:${randomUUID()}`;
    fire(rude, "room:join", { room });
    await sleep(100);
    const heard = nextEvent(rude, "post:liked");
    server.ctx.realtime.toRoom(room, "post:liked", { likes: 9 });
    expect(await heard).toEqual({ likes: 9 });

    expect(rude.connected).toBe(true);
    await wellBehavedVisitorStillServed();
  });

  it("drops only the connection that sends a message over the size cap", async () => {
    const bystander = await connect(server.url);
    const huge = await connect(server.url);
    const dropped = new Promise<string>((resolve) => huge.once("disconnect", (reason) => resolve(reason)));
    fire(huge, "room:join", { room: "x".repeat(MAX_CLIENT_MESSAGE_BYTES * 4) });
    expect(await dropped).toMatch(/transport/);
    expect(bystander.connected).toBe(true);
    await wellBehavedVisitorStillServed();
  });

  it("rate limits a connection that floods commands, without slowing anyone else", async () => {
    const flooder = await connect(server.url);
    const room = `feed:${randomUUID().slice(0, 8)}`;
    const acks = await Promise.all(Array.from({ length: 150 }, () => command(flooder, "room:join", { room })));
    const limited = acks.filter((a) => "error" in a && a.error.code === "RATE_LIMITED");
    const served = acks.filter((a) => "data" in a);
    expect(served.length).toBeGreaterThanOrEqual(50);
    expect(limited.length).toBeGreaterThanOrEqual(50);
    await wellBehavedVisitorStillServed();
  });

  it("caps how many page rooms one connection follows", async () => {
    const tab = await connect(server.url);
    const rooms = Array.from({ length: MAX_ROOMS_PER_SOCKET }, () => `product:${randomUUID()}`);
    for (const room of rooms) expect(await command(tab, "room:join", { room })).toEqual({ data: { room } });
    // Joining a room it is already in is not a new place.
    expect(await command(tab, "room:join", { room: rooms[0] })).toEqual({ data: { room: rooms[0] } });
    const extra = `product:${randomUUID()}`;
    expect(await command(tab, "room:join", { room: extra })).toMatchObject({ error: { code: "CONFLICT" } });
    // Leaving one frees a place.
    expect(await command(tab, "room:leave", { room: rooms[0] })).toEqual({ data: { room: rooms[0] } });
    expect(await command(tab, "room:join", { room: extra })).toEqual({ data: { room: extra } });
  });

  it("on shutdown, drops live sockets as a lost transport so their clients reconnect elsewhere", async () => {
    const otherDb = await createTestDatabase();
    const leaving = await startTestServer(otherDb);
    try {
      const tabs = await Promise.all([connect(leaving.url), connect(leaving.url, { transports: ["polling"] })]);
      const reasons = tabs.map((tab) => new Promise<string>((resolve) => tab.once("disconnect", resolve)));
      const started = Date.now();
      await leaving.stop();
      expect(Date.now() - started).toBeLessThan(5_000); // open sockets don't hold the server open
      // A lost transport (not "io server disconnect") is what Socket.IO clients retry on by themselves.
      expect(await Promise.all(reasons)).toEqual([
        "transport close",
        expect.stringMatching(/^transport (close|error)$/), // long-polling sees its pending request fail
      ]);
    } finally {
      await leaving.stop();
      await otherDb.close();
    }
  });

  it("disconnects a connection that keeps sending rejected commands", async () => {
    const abuser: TestSocket = await connect(server.url);
    const gone = new Promise<string>((resolve) => abuser.once("disconnect", (reason) => resolve(reason)));
    for (let i = 0; i < 300; i++) fire(abuser, "room:join", i);
    expect(await gone).toBe("io server disconnect");
    await wellBehavedVisitorStillServed();
  });
});
