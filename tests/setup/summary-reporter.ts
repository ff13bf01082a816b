import fs from "node:fs";
import path from "node:path";
import type { Reporter, TestModule } from "vitest/node";

/** How many of the slowest files to list: enough to see where CI's time limit goes. */
const SLOWEST = 10;

/**
 * Prints the slowest test files, then one plain closing line, "Tests: N passed, N failed, N skipped",
 * after Vitest's own summary, so CI logs end with a count any reader (or script) can take in at a
 * glance, just under the files to look at when the run creeps toward its time limit.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let failedHere = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failedHere++;
        else skipped++;
      }
      // A file that failed to load, or whose beforeAll failed (its tests then show as skipped), has no
      // failed test but must count as a failure.
      failed += mod.state() === "failed" ? Math.max(failedHere, 1) : failedHere;
    }
    const slowest = testModules
      .map((mod) => {
        const d = mod.diagnostic();
        // Importing the file and its hooks' set-up count: a slow beforeAll is the usual culprit.
        return { mod, ms: d.collectDuration + d.duration };
      })
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SLOWEST)
      .map(({ mod, ms }) => `  ${(ms / 1000).toFixed(1).padStart(7)} s  ${mod.project.name}  ${path.relative(process.cwd(), mod.moduleId)}`);
    const lines = slowest.length > 1 ? `\nSlowest files:\n${slowest.join("\n")}\n` : "";
    const line = `${lines}\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`;
    // Written at exit so it is the very last line, after Vitest's own summary.
    process.once("exit", () => fs.writeSync(1, line));
  }
}
