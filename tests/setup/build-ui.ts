import { execFileSync } from "node:child_process";
import path from "node:path";

/** End-to-end tests drive the production build, exactly what `npm start` serves. */
export default function buildUi() {
  const root = path.resolve(import.meta.dirname, "../..");
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    // Vitest sets NODE_ENV=test; a production bundle runs under any NODE_ENV (a development one needs
    // React's development runtime), and it is what `npm start` serves.
    env: { ...process.env, NODE_ENV: "production" },
  });
}
