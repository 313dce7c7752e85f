import { describe, expect, it } from "vitest";
import { thrown } from "@/db/testing";
import type { UserRole } from "@/db/schema";
import type { Actor } from "../context";
import { hasPermission, requireActor, requirePermission, type Permission } from "./permissions";

type RoleOrSignedOut = UserRole | "signed_out";

const ROLES: RoleOrSignedOut[] = ["caseworker", "supervisor", "admin", "party", "amicus", "signed_out"];

/**
 * The intended grants, written out by hand (not derived from ROLE_PERMISSIONS) so that a change to
 * the source table has to be matched here on purpose. Typed as Record<Permission, …> so adding or
 * removing a permission in the source fails the type check until this table is updated too.
 * Columns: caseworker, supervisor, admin, party, amicus, signed out.
 */
const EXPECTED: Record<Permission, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  //                         cw     sup    admin  party  amicus public
  "case.view_all":         [true,  true,  true,  false, false, false],
  "case.triage":           [true,  true,  false, false, false, false],
  "case.assign":           [false, true,  false, false, false, false],
  "case.note":             [true,  true,  false, false, false, false],
  "case.publish":          [true,  true,  false, false, false, false],
  "decision.propose":      [true,  true,  false, false, false, false],
  "decision.approve":      [false, true,  false, false, false, false],
  "clock.stop_restart":    [true,  true,  false, false, false, false],
  "clock.extend":          [false, true,  false, false, false, false],
  "complaint.file":        [false, false, false, true,  false, false],
  "amicus.apply":          [false, false, false, false, true,  false],
  "amicus.decide":         [true,  true,  false, false, false, false],
  "evidence.review":       [true,  true,  false, false, false, false],
  "admin.users":           [false, false, true,  false, false, false],
  "admin.deadline_rules":  [false, false, true,  false, false, false],
  "admin.holidays":        [false, false, true,  false, false, false],
  "admin.mail":            [false, false, true,  false, false, false],
  "deadlines.view_staff":  [true,  true,  true,  false, false, false],
};

function actorFor(role: RoleOrSignedOut): Actor | null {
  if (role === "signed_out") return null;
  return { id: `user-${role}`, email: `${role}@example.test`, name: role, role, team: null, organisationIds: [], emailVerified: true };
}

const cases = (Object.keys(EXPECTED) as Permission[]).flatMap((permission) =>
  ROLES.map((role, column) => ({ permission, role, allowed: EXPECTED[permission][column]! })),
);

describe("hasPermission", () => {
  it("covers every role against every permission", () => {
    expect(cases).toHaveLength(18 * 6);
  });

  it.each(cases)("$role → $permission: $allowed", ({ permission, role, allowed }) => {
    expect(hasPermission(actorFor(role), permission)).toBe(allowed);
  });

  it("grants nothing to a party or amicus beyond their one filing permission", () => {
    const partyGrants = (Object.keys(EXPECTED) as Permission[]).filter((p) => hasPermission(actorFor("party"), p));
    const amicusGrants = (Object.keys(EXPECTED) as Permission[]).filter((p) => hasPermission(actorFor("amicus"), p));
    expect(partyGrants).toEqual(["complaint.file"]);
    expect(amicusGrants).toEqual(["amicus.apply"]);
  });
});

describe("requirePermission", () => {
  it.each(cases)("$role → $permission", ({ permission, role, allowed }) => {
    const actor = actorFor(role);
    if (actor === null) {
      const error = thrown(() => requirePermission(actor, permission));
      expect(error.code).toBe("unauthenticated");
      expect(error.message).toBe("Sign in to continue.");
    } else if (allowed) {
      expect(() => requirePermission(actor, permission)).not.toThrow();
    } else {
      const error = thrown(() => requirePermission(actor, permission));
      // not_found, not forbidden: refusing must not reveal that the thing exists.
      expect(error.code).toBe("not_found");
      expect(error.code).not.toBe("forbidden");
    }
  });
});

describe("requireActor", () => {
  it("throws unauthenticated for the public and passes any signed-in role", () => {
    expect(thrown(() => requireActor(null)).code).toBe("unauthenticated");
    for (const role of ROLES.filter((r) => r !== "signed_out")) expect(() => requireActor(actorFor(role))).not.toThrow();
  });
});
