import { ConfigError, loadConfig, type Config } from "../config";
import type { Logger } from "./logger";

/** Loads the configuration for a process entry point, or prints what is wrong and exits 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

/**
 * Stops gracefully on SIGINT (Ctrl-C) or SIGTERM, exiting 0 when `stop` completes; a second signal
 * means "now".
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, "shutting down");
    try {
      await stop();
      process.exit(0);
    } catch (e) {
      logger.error({ err: e }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void onSignal("SIGINT"));
  process.on("SIGTERM", () => void onSignal("SIGTERM"));
}
