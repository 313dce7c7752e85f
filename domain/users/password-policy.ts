import { isCommonPassword } from "./common-passwords";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Local parts shorter than this are left out of the "contains your email" check: refusing every
 * password with an "a" in it because the address is a@… would only push people to worse passwords.
 */
const MIN_LOCAL_PART_TO_CHECK = 3;

/**
 * What is wrong with a new password, in words a solicitor understands, or null if it is acceptable.
 * Length first, then guessability, following NCSC advice: long, not common, not built from the account.
 */
export function passwordProblem(password: string, email: string | null): string | null {
  if (password.length === 0) return "Enter a password";
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  if (isCommonPassword(password)) return "This password is too common and easy to guess. Choose a different one: three random words together work well";
  const localPart = email?.split("@")[0]?.toLowerCase() ?? "";
  if (localPart.length >= MIN_LOCAL_PART_TO_CHECK && password.toLowerCase().includes(localPart)) {
    return "Password must not contain your email address. Choose a different one";
  }
  return null;
}
