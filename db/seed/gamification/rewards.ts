import type { DemoSeedStep } from "../demo";

/** Demo data of the rewards area, run in order after the content steps (see ./steps.ts). */
export const rewardsSeedSteps: DemoSeedStep[] = [];
