import type { DemoSeedStep } from "../demo";

/** Demo data of the checkin area, run in order after the content steps (see ./steps.ts). */
export const checkinSeedSteps: DemoSeedStep[] = [];
