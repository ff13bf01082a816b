import { describe, expect, it } from "vitest";
import type { Role } from "../../db/schema";
import { can, requirePermission, ROLE_PERMISSIONS, type Permission } from "../../server/identity/permissions";
import { type AppError } from "../../server/shared/errors";

const SELF = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";

/** Every account also holds "member", as createUser guarantees. */
const asRole = (role: Role) => ({ id: SELF, roles: role === "member" ? (["member"] as Role[]) : (["member", role] as Role[]) });
const ROLES: Role[] = ["member", "creator", "mcn_admin", "staff", "admin"];

// [permission, ownerId, expected per role: member creator mcn_admin staff admin]
const MATRIX: [Permission, string | undefined, [boolean, boolean, boolean, boolean, boolean]][] = [
  ["update:profile:own", SELF, [true, true, true, true, true]],
  ["update:profile:own", OTHER, [false, false, false, false, true]],
  ["manage:accessTokens:own", undefined, [true, true, true, true, true]],
  ["create:post:own", SELF, [true, true, true, true, true]],
  ["update:post:own", SELF, [true, true, true, true, true]],
  ["update:post:own", OTHER, [false, false, false, true, true]],
  ["delete:post:own", OTHER, [false, false, false, true, true]],
  ["delete:comment:own", OTHER, [false, false, false, true, true]],
  ["react:post:any", undefined, [true, true, true, true, true]],
  ["follow:user:any", undefined, [true, true, true, true, true]],
  ["create:distributionLink:own", SELF, [false, true, false, false, true]],
  ["read:commission:own", SELF, [false, true, false, false, true]],
  ["read:commission:own", OTHER, [false, false, false, false, true]],
  ["request:payout:own", SELF, [false, true, false, false, true]],
  ["create:challenge:own", SELF, [false, true, false, true, true]],
  ["create:challenge:any", undefined, [false, false, false, true, true]],
  ["manage:mcn:own", SELF, [false, false, true, false, true]],
  ["manage:mcn:own", OTHER, [false, false, false, false, true]],
  ["invite:creator:own", SELF, [false, false, true, false, true]],
  ["moderate:post:any", undefined, [false, false, false, true, true]],
  ["feature:post:any", undefined, [false, false, false, true, true]],
  ["review:creatorApplication:any", undefined, [false, false, false, true, true]],
  ["manage:jobs:any", undefined, [false, false, false, true, true]],
  ["read:metrics:any", undefined, [false, false, false, true, true]],
  ["manage:rules:any", undefined, [false, false, false, true, true]],
  ["manage:payouts:any", undefined, [false, false, false, true, true]],
  ["manage:roles:any", undefined, [false, false, false, false, true]],
  ["read:auditLog:any", undefined, [false, false, false, false, true]],
  ["launch:rocket:any", undefined, [false, false, false, false, true]],
];

describe("permissions by role", () => {
  for (const [permission, ownerId, expected] of MATRIX) {
    const owner = ownerId === undefined ? "" : ownerId === SELF ? " on their own" : " on someone else's";
    ROLES.forEach((role, i) => {
      it(`${role} ${expected[i] ? "may" : "may not"} ${permission}${owner}`, () => {
        expect(can(asRole(role), permission, ownerId)).toBe(expected[i]);
      });
    });
  }

  it("lets no one who is not signed in do anything", () => {
    for (const [permission, ownerId] of MATRIX) expect(can(null, permission, ownerId)).toBe(false);
  });

  it("treats an any-scope grant as covering the own scope, never the reverse", () => {
    const staff = asRole("staff");
    expect(can(staff, "delete:post:own", OTHER)).toBe(true);
    const member = asRole("member");
    expect(can(member, "delete:post:own", SELF)).toBe(true);
    expect(can(member, "delete:post:any")).toBe(false);
  });

  it("unites the permissions of several roles", () => {
    const both = { id: SELF, roles: ["member", "creator", "mcn_admin"] as Role[] };
    expect(can(both, "create:distributionLink:own", SELF)).toBe(true);
    expect(can(both, "manage:mcn:own", SELF)).toBe(true);
    expect(can(both, "moderate:post:any")).toBe(false);
  });

  it("writes every grant in action:entity:own|any form", () => {
    for (const list of Object.values(ROLE_PERMISSIONS)) {
      for (const p of list) expect(p).toMatch(/^[a-z][A-Za-z]*:[a-z][A-Za-z]*:(own|any)$/);
    }
  });

  it("requirePermission throws UNAUTHENTICATED without a user and FORBIDDEN without the grant", () => {
    const attempt = (user: { id: string; roles: Role[] } | null) => {
      try {
        requirePermission(user, "manage:jobs:any");
        return "allowed";
      } catch (e) {
        return (e as AppError).code;
      }
    };
    expect(attempt(null)).toBe("UNAUTHENTICATED");
    expect(attempt(asRole("member"))).toBe("FORBIDDEN");
    expect(attempt(asRole("staff"))).toBe("allowed");
  });
});
