import fs from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints one plain closing line, "Tests: N passed, N failed, N skipped", after Vitest's own summary,
 * so CI logs end with a count any reader (or script) can take in at a glance.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      // A file that failed to load has no tests but must count as a failure.
      if (mod.state() === "failed" && [...mod.children.allTests()].length === 0) failed++;
    }
    const line = `\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`;
    // Written at exit so it is the very last line, after Vitest's own summary.
    process.once("exit", () => fs.writeSync(1, line));
  }
}
