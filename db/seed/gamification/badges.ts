import type { DemoSeedStep } from "../demo";

/** Demo data of the badges area, run in order after the content steps (see ./steps.ts). */
export const badgesSeedSteps: DemoSeedStep[] = [];
