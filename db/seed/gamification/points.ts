import type { DemoSeedStep } from "../demo";

/** Demo data of the points area, run in order after the content steps (see ./steps.ts). */
export const pointsSeedSteps: DemoSeedStep[] = [];
