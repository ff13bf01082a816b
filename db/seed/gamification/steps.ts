import { recomputePostScores } from "../../../server/content";
import type { DemoSeedStep } from "../demo";
import { badgesSeedSteps } from "./badges";
import { challengesSeedSteps } from "./challenges";
import { checkinSeedSteps } from "./checkin";
import { pointsSeedSteps } from "./points";
import { rewardsSeedSteps } from "./rewards";

/** Gamification's demo: points history and levels, check-ins, badges, challenges, then the rewards shop. */
export const GAMIFICATION_SEED_STEPS: DemoSeedStep[] = [
  ...pointsSeedSteps,
  ...checkinSeedSteps,
  ...badgesSeedSteps,
  ...challengesSeedSteps,
  ...rewardsSeedSteps,
  {
    // The challenges publish proof notes after the content steps scored theirs; score them too, so 热门
    // ranks every recent note before the score job first runs.
    name: "scores after gamification",
    run: async (tx, ctx) => {
      await recomputePostScores(tx, ctx.clock.now());
    },
  },
];
