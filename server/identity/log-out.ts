import { eq } from "drizzle-orm";
import { sessions } from "../../db/schema";
import type { AppContext } from "../context";
import { sha256 } from "./secrets";

/** Ends the session behind a token; ending an unknown or already ended session is not an error. */
export async function logOut(ctx: AppContext, sessionToken: string): Promise<void> {
  await ctx.db.delete(sessions).where(eq(sessions.id, sha256(sessionToken)));
}
