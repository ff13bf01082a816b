import { eq } from "drizzle-orm";
import { sessions } from "../../db/schema";
import type { AppContext } from "../context";
import { sha256 } from "./secrets";

/**
 * Ends the session behind a token; ending an unknown or already ended session is not an error. Live
 * sockets of the user are dropped so none stays signed in on the ended session (others reconnect).
 */
export async function logOut(ctx: AppContext, sessionToken: string): Promise<void> {
  const ended = await ctx.db
    .delete(sessions)
    .where(eq(sessions.id, sha256(sessionToken)))
    .returning({ userId: sessions.userId });
  for (const { userId } of ended) ctx.realtime.disconnectUser(userId);
}
