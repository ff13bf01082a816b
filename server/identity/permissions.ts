import type { Role } from "../../db/schema";
import { AppError } from "../shared/errors";

/**
 * `action:entity:scope`. "own" lets a user act on things they own; "any" on anyone's. Holding the
 * "any" form of a permission implies the "own" form.
 */
export type Permission = `${string}:${string}:${"own" | "any"}`;

/** The smallest shape permission checks need, so they work on a full CurrentUser or a socket's user. */
export interface PermissionSubject {
  id: string;
  roles: readonly Role[];
}

const MEMBER: Permission[] = [
  "read:profile:own",
  "update:profile:own",
  "manage:accessTokens:own",
  "create:post:own",
  "update:post:own",
  "delete:post:own",
  "create:comment:own",
  "delete:comment:own",
  "react:post:any", // like, favourite, share someone's post
  "report:post:any",
  "follow:user:any",
  "checkIn:daily:own",
  "join:challenge:any",
  "redeem:reward:own",
  "create:order:own",
  "read:points:own",
  "apply:creator:own",
  "join:fanGroup:any",
  "read:notifications:own",
];

const CREATOR: Permission[] = [
  "create:distributionLink:own",
  "read:distributionLink:own",
  "read:commission:own",
  "request:payout:own",
  "create:challenge:own",
  "create:campaign:own",
  "manage:fanGroup:own",
  "accept:mcnInvitation:own",
];

const MCN_ADMIN: Permission[] = [
  "create:mcn:own",
  "manage:mcn:own",
  "invite:creator:own",
  "read:mcnRoster:own",
];

const STAFF: Permission[] = [
  "moderate:post:any",
  "feature:post:any",
  "manage:categories:any",
  "update:post:any",
  "delete:post:any",
  "delete:comment:any",
  "review:creatorApplication:any",
  "read:creatorCandidates:any",
  "create:challenge:any",
  "create:campaign:any",
  "manage:campaign:any",
  "manage:products:any",
  "manage:rewards:any",
  "manage:rules:any",
  "manage:payouts:any",
  "manage:jobs:any",
  "read:metrics:any",
  "read:users:any",
  "tag:users:any",
  "award:badge:any",
  "suspend:user:any",
];

/**
 * What each role may do. A user holds the union of their roles' permissions; every account also has
 * "member". Admin holds every permission (including "manage:roles:any" and "read:auditLog:any",
 * which no other role has).
 */
export const ROLE_PERMISSIONS: Readonly<Record<Exclude<Role, "admin">, readonly Permission[]>> = {
  member: MEMBER,
  creator: CREATOR,
  mcn_admin: MCN_ADMIN,
  staff: STAFF,
};

const grantsByRole = new Map<Role, Set<string>>(
  Object.entries(ROLE_PERMISSIONS).map(([role, list]) => [role as Role, new Set(list)]),
);

function holds(roles: readonly Role[], permission: string): boolean {
  return roles.some((role) => grantsByRole.get(role)?.has(permission));
}

/**
 * Whether `user` may perform `permission`.
 * - "x:y:any" needs the any-scope grant.
 * - "x:y:own" with `ownerId`: the any-scope grant, or the own-scope grant when the user is the owner.
 * - "x:y:own" without `ownerId`: whether the user may do this to at least their own things — a gate
 *   for routes; the domain function must still check ownership of the particular record.
 */
export function can(user: PermissionSubject | null | undefined, permission: Permission, ownerId?: string): boolean {
  if (!user) return false;
  if (user.roles.includes("admin")) return true;
  const [action, entity, scope] = permission.split(":");
  const any = `${action}:${entity}:any`;
  if (holds(user.roles, any)) return true;
  if (scope !== "own") return false;
  if (!holds(user.roles, `${action}:${entity}:own`)) return false;
  return ownerId === undefined || ownerId === user.id;
}

/** Throws UNAUTHENTICATED without a user and FORBIDDEN when the user lacks the permission. */
export function requirePermission<U extends PermissionSubject>(
  user: U | null | undefined,
  permission: Permission,
  ownerId?: string,
): asserts user is U {
  if (!user) throw new AppError("UNAUTHENTICATED", "unauthenticated");
  if (!can(user, permission, ownerId)) throw new AppError("FORBIDDEN", "forbidden");
}
