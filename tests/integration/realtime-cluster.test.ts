import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/identity";
import { createRealtimePublisher, type RealtimeHandle } from "../../server/realtime";
import { createTestContext, services, testConfig } from "../setup/context";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import {
  closeAllSockets,
  command,
  connect,
  nextEvent,
  recordEvents,
  signedUpMember,
  sleep,
} from "../fixtures/realtime-clients";

const s = services();
const root = path.resolve(import.meta.dirname, "../..");

/** One app node in its own process (tests/fixtures/realtime-node.ts), driven over stdin/stdout. */
class AppNode {
  private nextId = 0;
  private waiting = new Map<number, () => void>();
  readonly url: Promise<string>;
  private readonly exited: Promise<number | null>;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    this.url = new Promise((resolve, reject) => {
      void this.exited.then((code) => reject(new Error(`app node exited (${code}) before serving:\n${stderr}`)));
      readline.createInterface({ input: child.stdout }).on("line", (line) => {
        let message: { url?: string; id?: number };
        try {
          message = JSON.parse(line) as typeof message;
        } catch {
          return; // not ours
        }
        if (message.url) resolve(message.url);
        if (message.id !== undefined) this.waiting.get(message.id)?.();
      });
    });
  }

  static start(env: Record<string, string>): AppNode {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["tests/fixtures/realtime-node.ts"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    return new AppNode(child);
  }

  /** Has this node push through its own ctx.realtime, as a domain function would. */
  send(command: { toUser: string } | { toRoom: string }, event: string, payload: unknown): Promise<void> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin.write(JSON.stringify({ id, ...command, event, payload }) + "\n");
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.stdin.end(); // graceful stop
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

describe.skipIf(!s.redisUrl)("realtime across app nodes sharing Redis", () => {
  let db: TestDatabase;
  let nodeA: AppNode;
  let nodeB: AppNode;
  /** Another deployment on the same Redis: same database, its own REDIS_PREFIX. */
  let otherSite: AppNode;
  let urlA: string;
  let urlB: string;
  let urlOther: string;
  let alice: { user: CurrentUser; cookie: string };
  let bob: { user: CurrentUser; cookie: string };
  let worker: RealtimeHandle | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { DATABASE_URL: db.url, REDIS_URL: s.redisUrl! };
    nodeA = AppNode.start(env);
    nodeB = AppNode.start(env);
    otherSite = AppNode.start({ ...env, REDIS_PREFIX: `other-site-${randomUUID().slice(0, 8)}` });
    [urlA, urlB, urlOther] = await Promise.all([nodeA.url, nodeB.url, otherSite.url]);
    const ctx = createTestContext(db.handle.db);
    alice = await signedUpMember(ctx, "alice");
    bob = await signedUpMember(ctx, "bob");
  }, 90_000);
  afterAll(async () => {
    closeAllSockets();
    await worker?.close();
    await Promise.all([nodeA?.stop(), nodeB?.stop(), otherSite?.stop()]);
    await db?.close();
  }, 30_000);

  const notification = () => ({ id: randomUUID(), type: "follow", createdAt: new Date().toISOString() });

  it("runs two separate server processes on their own ports", () => {
    expect(urlA).not.toBe(urlB);
  });

  it("delivers a notification pushed on node A to the member's socket on node B, and to nobody else", async () => {
    const aliceOnB = await connect(urlB, { cookie: alice.cookie });
    const bobOnB = await connect(urlB, { cookie: bob.cookie });
    const bobOnA = await connect(urlA, { cookie: bob.cookie });
    const bobSaw = [recordEvents(bobOnB, "notification:created"), recordEvents(bobOnA, "notification:created")];

    const sent = notification();
    const got = nextEvent(aliceOnB, "notification:created");
    await nodeA.send({ toUser: alice.user.id }, "notification:created", sent);
    expect(await got).toEqual(sent);

    await sleep(200);
    expect(bobSaw.map((r) => r.received)).toEqual([[], []]);
  });

  it("broadcasts a page fact to followers of the page on both nodes", async () => {
    const room = `challenge:${randomUUID()}`;
    const visitorOnA = await connect(urlA);
    const memberOnB = await connect(urlB, { cookie: bob.cookie, transports: ["polling"] });
    const elsewhere = await connect(urlB);
    const elsewhereSaw = recordEvents(elsewhere, "challenge:joined");
    for (const socket of [visitorOnA, memberOnB]) {
      expect(await command(socket, "room:join", { room })).toEqual({ data: { room } });
    }
    const onA = nextEvent(visitorOnA, "challenge:joined");
    const onB = nextEvent(memberOnB, "challenge:joined");
    await nodeB.send({ toRoom: room }, "challenge:joined", { participants: 12 });
    expect(await onA).toEqual({ participants: 12 });
    expect(await onB).toEqual({ participants: 12 });
    await sleep(200);
    expect(elsewhereSaw.received).toEqual([]);
  });

  it("keeps a deployment with another REDIS_PREFIX out of this one's pushes", async () => {
    const aliceOnB = await connect(urlB, { cookie: alice.cookie });
    const aliceOnOther = await connect(urlOther, { cookie: alice.cookie });
    const otherSaw = recordEvents(aliceOnOther, "notification:created");
    const sent = notification();
    const got = nextEvent(aliceOnB, "notification:created");
    await nodeA.send({ toUser: alice.user.id }, "notification:created", sent);
    expect(await got).toEqual(sent);
    await sleep(300);
    expect(otherSaw.received).toEqual([]);

    // Its own pushes still reach its own sockets.
    const own = notification();
    const gotOwn = nextEvent(aliceOnOther, "notification:created");
    await otherSite.send({ toUser: alice.user.id }, "notification:created", own);
    expect(await gotOwn).toEqual(own);
  });

  it("lets a worker process with no HTTP server push to members on the app nodes", async () => {
    worker = await createRealtimePublisher(testConfig({ REDIS_URL: s.redisUrl! }));
    const aliceOnA = await connect(urlA, { cookie: alice.cookie });
    const sent = notification();
    const got = nextEvent(aliceOnA, "notification:created");
    worker.publisher.toUser(alice.user.id, "notification:created", sent);
    expect(await got).toEqual(sent);
  });
});
