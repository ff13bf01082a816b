import type { DemoSeedStep } from "../demo";

/** Demo data of the challenges area, run in order after the content steps (see ./steps.ts). */
export const challengesSeedSteps: DemoSeedStep[] = [];
