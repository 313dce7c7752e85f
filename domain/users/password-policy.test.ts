import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./common-passwords";
import { passwordProblem } from "./password-policy";

describe("passwordProblem", () => {
  it("accepts a long password that is not common and does not contain the email", () => {
    expect(passwordProblem("marble kettle orbit lantern", "a.solicitor@harrow-vell.test")).toBeNull();
  });

  it("asks for a password when none is given", () => {
    expect(passwordProblem("", "someone@example.test")).toBe("Enter a password");
  });

  it("refuses fewer than 12 characters and more than 256", () => {
    expect(passwordProblem("short-pass1", null)).toBe("Password must be at least 12 characters");
    expect(passwordProblem("x".repeat(12) + "kettle-orbit", null)).toBeNull();
    expect(passwordProblem("kettle orbit ".repeat(20) + "abcdefghijklmnopq", null)).toBe("Password must be 256 characters or fewer");
  });

  it("refuses common passwords whatever their case", () => {
    expect(isCommonPassword("PassWord1234")).toBe(true);
    expect(passwordProblem("QWERTYUIOP123", null)).toMatch(/too common/);
    expect(passwordProblem("iloveyou1234", null)).toMatch(/too common/);
  });

  it("refuses a password containing the email's local part, but ignores very short local parts", () => {
    expect(passwordProblem("Mensah-secure-2026", "mensah@harrow-vell.test")).toMatch(/must not contain your email address/);
    expect(passwordProblem("a quiet harbour at dawn", "a@example.test")).toBeNull();
  });
});
