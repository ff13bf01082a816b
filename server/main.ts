/**
 * Process entry for `npm start`: config → database (migrated) → demo seed → http + Socket.IO → jobs.
 */
import { ConfigError, loadConfig } from "./config";
import { startSeedbed } from "./boot";
import { DEMO_PASSWORD, DEMO_HANDLES, seedDemoOnce } from "../db/seed/demo";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }

  const running = await startSeedbed(config, {
    seed: config.seedDemo ? (ctx) => seedDemoOnce(ctx) : undefined,
  });
  const { logger } = running.ctx;
  logger.info({ url: running.url, database: running.dbHandle.kind, storage: running.storage.kind }, "Seedbed is running");

  // The human-readable banner goes to stderr so stdout stays pure JSON logs.
  const lines = [`\n  Seedbed is running at ${running.url}\n`];
  if (config.seedDemo) {
    lines.push(`  Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_HANDLES.join(", ")}\n`);
  }
  process.stderr.write(lines.join("") + "\n");

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) {
      // A second Ctrl-C means "now".
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, "shutting down");
    try {
      await running.stop();
      process.exit(0);
    } catch (e) {
      logger.error({ err: e }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
