/**
 * `npm run pii:rotate [--batch=N]`: re-encrypts every creator applicant's personal data to the current
 * key (the first of PII_KEYS) in batches, with a progress bar. Safe to run again (values already on the
 * current key are left alone) and to stop halfway (finished batches stay done; the next run does the
 * rest). Run it after every app process has started with the new PII_KEYS, so nothing keeps writing with
 * the old key; drop the old key from PII_KEYS only after a run that reports nothing left. Don't point it
 * at a PGlite folder a running app has open: PGlite serves one process.
 */
import { openDatabase } from "../../../db/client";
import { runMigrations } from "../../../db/migrate";
import { loadConfigOrExit } from "../../shared/process";
import { PiiKeyMissingError } from "./pii";
import { rotatePii } from "./rotate-pii";

function bar(done: number, total: number, started: number) {
  const width = 30;
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const line = `pii [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total} ${seconds} s`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
}

const batchArg = process.argv.slice(2).find((a) => a.startsWith("--batch="));
const batchSize = batchArg ? Number(batchArg.slice("--batch=".length)) : 200;
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  console.error("--batch must be a whole number from 1 to 10000.");
  process.exit(2);
}

const config = loadConfigOrExit();
const handle = await openDatabase(
  config.database.kind === "postgres" ? { kind: "postgres", url: config.database.url, poolSize: 2 } : { kind: "pglite", dir: config.database.dir },
);
let exitCode = 0;
try {
  await runMigrations(handle);
  const started = performance.now();
  let last = 0;
  const result = await rotatePii(
    { db: handle.db, config },
    {
      batchSize,
      progress: (done, total) => {
        // Redraw at most ten times a second, and always at the end.
        const now = performance.now();
        if (done < total && done > 0 && now - last < 100) return;
        last = now;
        bar(done, total, started);
        if (done >= total && process.stderr.isTTY) process.stderr.write("\n");
      },
    },
  );
  console.log(
    result.rotated === 0
      ? `Every application's personal data is already on key "${result.keyId}".`
      : `Re-encrypted ${result.rotated} application(s) to key "${result.keyId}".`,
  );
} catch (error) {
  if (process.stderr.isTTY) process.stderr.write("\n");
  if (!(error instanceof PiiKeyMissingError)) throw error;
  // Batches before this one are kept; add the key and run again to finish.
  console.error(`${error.message}. Batches already done are kept; run again once the key is back.`);
  exitCode = 1;
} finally {
  await handle.close();
}
process.exitCode = exitCode;
