import { and, desc, eq, isNull } from "drizzle-orm";
import { accessTokens, type AccessToken } from "../../db/schema";
import type { AppContext } from "../context";
import { AppError } from "../shared/errors";
import { ACCESS_TOKEN_PREFIX } from "./authenticate";
import { parseInput } from "./parse-input";
import { accessTokenCreateSchema, type AccessTokenCreateInput, type AccessTokenView } from "./schemas";
import { randomSecret, sha256 } from "./secrets";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Enough characters to tell tokens apart in settings, far too few to guess the rest. */
const VISIBLE_PREFIX_LENGTH = ACCESS_TOKEN_PREFIX.length + 6;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toAccessTokenView(row: AccessToken): AccessTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: iso(row.lastUsedAt),
    expiresAt: iso(row.expiresAt),
    revokedAt: iso(row.revokedAt),
  };
}

/** Creates a personal access token. The token is returned once; only its hash is stored. */
export async function createAccessToken(
  ctx: AppContext,
  userId: string,
  input: AccessTokenCreateInput,
): Promise<{ token: string; accessToken: AccessTokenView }> {
  const data = parseInput(accessTokenCreateSchema, input);
  const now = ctx.clock.now();
  const token = ACCESS_TOKEN_PREFIX + randomSecret();
  const [row] = await ctx.db
    .insert(accessTokens)
    .values({
      userId,
      name: data.name,
      tokenHash: sha256(token),
      prefix: token.slice(0, VISIBLE_PREFIX_LENGTH),
      createdAt: now,
      expiresAt: data.expiresInDays ? new Date(now.getTime() + data.expiresInDays * DAY_MS) : null,
    })
    .returning();
  return { token, accessToken: toAccessTokenView(row!) };
}

/** A user's tokens, newest first, including revoked and expired ones (settings shows their state). */
export async function listAccessTokens(ctx: AppContext, userId: string): Promise<AccessTokenView[]> {
  const rows = await ctx.db
    .select()
    .from(accessTokens)
    .where(eq(accessTokens.userId, userId))
    .orderBy(desc(accessTokens.createdAt), desc(accessTokens.id));
  return rows.map(toAccessTokenView);
}

/**
 * Revokes one of the user's tokens. Someone else's token is NOT_FOUND (not FORBIDDEN), so ids can't
 * be probed; revoking twice is harmless.
 */
export async function revokeAccessToken(ctx: AppContext, userId: string, tokenId: string): Promise<void> {
  const now = ctx.clock.now();
  const updated = await ctx.db
    .update(accessTokens)
    .set({ revokedAt: now })
    .where(and(eq(accessTokens.id, tokenId), eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt)))
    .returning({ id: accessTokens.id });
  if (updated.length > 0) {
    // A socket opened with this token must not outlive it.
    ctx.realtime.disconnectUser(userId);
    return;
  }
  const [existing] = await ctx.db
    .select({ id: accessTokens.id })
    .from(accessTokens)
    .where(and(eq(accessTokens.id, tokenId), eq(accessTokens.userId, userId)))
    .limit(1);
  if (!existing) throw new AppError("NOT_FOUND", "identity.token.notFound");
}
