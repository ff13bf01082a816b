import { startSeedbed, type RunningSeedbed, type StartOptions } from "../../server/boot";
import { testConfig } from "./context";
import type { TestDatabase } from "./database";

/**
 * Starts the real server (Express + Socket.IO + Remix when `withUi`) on an ephemeral port against a
 * test database. Jobs stay off unless asked for, so tests drive the outbox themselves.
 */
export async function startTestServer(
  db: TestDatabase,
  options: StartOptions & { env?: Record<string, string | undefined> } = {},
): Promise<RunningSeedbed> {
  const config = testConfig({ DATABASE_URL: db.url, ...options.env });
  return startSeedbed(config, { withUi: false, ...options });
}
