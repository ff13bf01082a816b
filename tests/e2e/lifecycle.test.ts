import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, projectRoot } from "../setup/services";

/**
 * `npm start` as a newcomer runs it: no environment at all, an embedded database in a data folder,
 * demo data seeded once, Ctrl-C to stop, and a second start that finds everything where it was.
 */
describe("npm start on embedded defaults", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "seedbed-start-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function start(): Promise<{ child: ChildProcess; url: string; banner: () => string }> {
    const port = await freePort();
    // Only what a fresh machine has: no service variables.
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn" } as unknown as NodeJS.ProcessEnv;
    const child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "server/main.ts")], {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout!.resume();
    // The first start seeds the demo community (hundreds of notes and images) before it listens.
    const deadline = Date.now() + 240_000;
    while (!/Seedbed is running at (\S+)/.test(stderr)) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`server did not start:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { child, url: `http://localhost:${port}`, banner: () => stderr };
  }

  function stopWithCtrlC(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => {
      child.once("exit", (code) => resolve(code));
      child.kill("SIGINT");
    });
  }

  async function logIn(url: string, login: string, password: string) {
    return fetch(`${url}/api/v1/auth/log-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login, password }),
    });
  }

  it("serves, prints the URL and demo logins, stops on Ctrl-C, and reuses its data on the next start", async () => {
    const first = await start();
    expect(first.banner()).toContain(`Seedbed is running at ${first.url}`);
    expect(first.banner()).toContain("seedbed-demo");
    for (const handle of ["admin", "staff", "mcn", "creator", "member"]) expect(first.banner()).toContain(handle);

    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    const home = await fetch(first.url);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("<html");
    expect((await logIn(first.url, "admin", "seedbed-demo")).status).toBe(200);
    const signUp = await fetch(`${first.url}/api/v1/auth/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ handle: "newcomer", email: "newcomer@example.com", password: "a-long-password" }),
    });
    expect(signUp.status).toBe(201);

    expect(await stopWithCtrlC(first.child)).toBe(0);

    const second = await start();
    try {
      // The account made in the first run is still there, and the demo seed did not run twice.
      expect((await logIn(second.url, "newcomer", "a-long-password")).status).toBe(200);
      expect((await logIn(second.url, "member", "seedbed-demo")).status).toBe(200);
    } finally {
      expect(await stopWithCtrlC(second.child)).toBe(0);
    }
  }, 420_000);
});
