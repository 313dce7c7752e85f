import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id with OWASP's minimum parameters (19 MiB, t=2, p=1).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * A real argon2id hash of a random password, verified against when the account does not exist so
 * that unknown and known accounts take about the same time to refuse.
 */
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$IT10btKLY43yEsUssgdyQQ$IbCLSKQI6Cm2o45c/HK027+c7EsXbhJFb2Pxt/3/uBk";

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DUMMY_HASH, password);
    return passwordHash !== null && ok;
  } catch {
    return false;
  }
}
