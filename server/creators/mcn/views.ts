import { and, desc, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "../../../db/client";
import { mcnContracts, mcnInvitations, mcns, users } from "../../../db/schema";
import type { ContractView, InvitationView, McnView } from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const person = (u: { id: string; handle: string; displayName: string }) => ({ id: u.id, handle: u.handle, displayName: u.displayName });

export async function mcnViews(db: Queryable, where: SQL | undefined): Promise<McnView[]> {
  const rows = await db
    .select({ m: mcns, a: { id: users.id, handle: users.handle, displayName: users.displayName } })
    .from(mcns)
    .innerJoin(users, eq(users.id, mcns.adminId))
    .where(where)
    .orderBy(desc(mcns.createdAt));
  return rows.map(({ m, a }) => ({ id: m.id, name: m.name, description: m.description, admin: person(a), createdAt: m.createdAt.toISOString() }));
}

const creator = alias(users, "creator");

export async function invitationViews(db: Queryable, where: SQL | undefined, limit = 100): Promise<InvitationView[]> {
  const rows = await db
    .select({ i: mcnInvitations, m: { id: mcns.id, name: mcns.name }, c: { id: creator.id, handle: creator.handle, displayName: creator.displayName } })
    .from(mcnInvitations)
    .innerJoin(mcns, eq(mcns.id, mcnInvitations.mcnId))
    .innerJoin(creator, eq(creator.id, mcnInvitations.creatorId))
    .where(where)
    .orderBy(desc(mcnInvitations.createdAt))
    .limit(limit);
  return rows.map(({ i, m, c }) => ({
    id: i.id,
    mcn: m,
    creator: person(c),
    shareBp: i.shareBp,
    startsAt: i.startsAt.toISOString(),
    endsAt: i.endsAt.toISOString(),
    message: i.message,
    status: i.status,
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
  }));
}

export async function contractViews(db: Queryable, where: SQL | undefined, limit = 200): Promise<ContractView[]> {
  const rows = await db
    .select({ k: mcnContracts, m: { id: mcns.id, name: mcns.name }, c: { id: creator.id, handle: creator.handle, displayName: creator.displayName } })
    .from(mcnContracts)
    .innerJoin(mcns, eq(mcns.id, mcnContracts.mcnId))
    .innerJoin(creator, eq(creator.id, mcnContracts.creatorId))
    .where(where)
    .orderBy(desc(mcnContracts.signedAt))
    .limit(limit);
  return rows.map(({ k, m, c }) => ({
    id: k.id,
    mcn: m,
    creator: person(c),
    shareBp: k.shareBp,
    startsAt: k.startsAt.toISOString(),
    endsAt: k.endsAt.toISOString(),
    status: k.status,
    noticeGivenAt: iso(k.noticeGivenAt),
    noticeReason: k.noticeReason,
    signedAt: k.signedAt.toISOString(),
  }));
}

export const contractById = async (db: Queryable, id: string) => (await contractViews(db, eq(mcnContracts.id, id)))[0] ?? null;
export const invitationById = async (db: Queryable, id: string) => (await invitationViews(db, eq(mcnInvitations.id, id)))[0] ?? null;
export { and };
