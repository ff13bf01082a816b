/**
 * `npm run db:seed`: migrates the configured database (DATABASE_URL, or the embedded one in DATA_DIR)
 * and seeds the demo community when it is empty — what a first `npm start` does, without serving.
 * Seeding twice adds nothing (seedDemoOnce checks for the demo accounts under a lock).
 */
import { loadConfig } from "../../server/config";
import { startSeedbed } from "../../server/boot";
import { seedDemoOnce } from "./demo";

const config = loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", RUN_JOBS: "0" });
const started = performance.now();
const app = await startSeedbed(config, { withUi: false, seed: (ctx) => seedDemoOnce(ctx) });
await app.stop();
process.stdout.write(`demo data ready (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
