import { execFileSync } from "node:child_process";
import path from "node:path";

/** End-to-end tests drive the production build, exactly what `npm start` serves. */
export default function buildUi() {
  const root = path.resolve(import.meta.dirname, "../..");
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
