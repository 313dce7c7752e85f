import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATA_DIR: z.string().min(1).default("./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_URL: z.url({ message: "NEXTAUTH_URL must be a full URL such as http://localhost:3000" }).default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  SMTP_URL: z.string().optional(),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  /** `off` stops the app's own reminder and mail scheduler, e.g. where `npm run worker` runs it instead. */
  SCHEDULER: z.enum(["on", "off"], { error: "SCHEDULER must be on or off" }).default("on"),
});

export type AppEnv = z.infer<typeof EnvSchema> & { NEXTAUTH_SECRET: string };

let cached: AppEnv | undefined;

/**
 * Reads and validates the environment once. In production a missing NEXTAUTH_SECRET is fatal:
 * `npm start` generates one into DATA_DIR and passes it in, so only a hand-rolled deployment hits this.
 */
export function appEnv(): AppEnv {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const env = parsed.data;
  if (!env.NEXTAUTH_SECRET) {
    if (env.NODE_ENV === "production") {
      throw new Error("NEXTAUTH_SECRET is required in production. `npm start` generates one in DATA_DIR; set it yourself elsewhere.");
    }
    env.NEXTAUTH_SECRET = "development-only-secret-not-for-production-use";
  }
  cached = env as AppEnv;
  return cached;
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export function sessionCookieName(): string {
  return appEnv().NEXTAUTH_URL.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export function secureCookies(): boolean {
  return appEnv().NEXTAUTH_URL.startsWith("https://");
}

/** Where the service is reached, for links in emails: NEXTAUTH_URL if set, else this machine on PORT. */
export function publicBaseUrl(): string {
  const env = appEnv();
  const url = process.env.NEXTAUTH_URL ? env.NEXTAUTH_URL : `http://localhost:${env.PORT}`;
  return url.replace(/\/+$/, "");
}
