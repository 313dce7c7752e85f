import { describe, expect, it } from "vitest";
import type { Actor } from "../context";
import { DomainError } from "../errors";
import { requireVerifiedEmail } from "./verified";

const party = (emailVerified: boolean): Actor => ({ id: "u1", email: "new.solicitor@example.test", name: "New Solicitor", role: "party", team: null, organisationIds: ["o1"], emailVerified });

describe("requireVerifiedEmail", () => {
  it("lets a verified user through", () => {
    expect(() => requireVerifiedEmail(party(true))).not.toThrow();
  });

  it("refuses an unverified user as forbidden, naming the address the link went to", () => {
    try {
      requireVerifiedEmail(party(false));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("forbidden");
      expect((error as DomainError).message).toBe("Verify your email address before you submit a complaint. We sent a link to new.solicitor@example.test.");
    }
  });

  it("sends the signed-out to sign in", () => {
    expect(() => requireVerifiedEmail(null)).toThrow(expect.objectContaining({ code: "unauthenticated" }));
  });
});
