import type { AppContext } from "../../server/context";

export const DEMO_PASSWORD = "seedbed-demo";
export const DEMO_HANDLES = ["admin", "staff", "mcn", "creator", "member"] as const;

/** Placeholder until identity lands: seeds demo data once on an empty database. */
export async function seedDemoOnce(_ctx: AppContext): Promise<void> {}
