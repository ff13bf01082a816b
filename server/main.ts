/**
 * Process entry for `npm start`: config → database (migrated) → demo seed → http + Socket.IO → jobs.
 */
import { loadConfigOrExit, stopOnSignals } from "./shared/process";
import { startSeedbed } from "./boot";
import { DEMO_PASSWORD, DEMO_HANDLES, seedDemoOnce } from "../db/seed/demo";

async function main() {
  const config = loadConfigOrExit();

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

  stopOnSignals(logger, () => running.stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
