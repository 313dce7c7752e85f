import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

// The production build served as `npm start` serves it, on 127.0.0.1 only, with a throwaway
// DATA_DIR holding fresh demo data (as scripts/e2e-server.mjs does for Playwright), or with the
// load bench's cached large DATA_DIR.

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

export const hasProductionBuild = (): boolean => fs.existsSync(path.join(root, ".next", "BUILD_ID"));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function appEnvironment(dataDir: string, port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: "bench-only-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    NEXT_TELEMETRY_DISABLED: "1",
    // Reminders and mail would only add noise to the measurement.
    SCHEDULER: "off",
    ...extra,
  };
}

/**
 * Migrates DATA_DIR and seeds it with the demo data, through the same scripts `npm start` runs.
 * `seedDemo: false` only migrates, for a DATA_DIR that already holds its data (the load bench's).
 */
export function prepareDatabase(env: Record<string, string>, options: { seedDemo?: boolean } = {}): void {
  const scripts = options.seedDemo === false ? ["scripts/migrate.ts"] : ["scripts/migrate.ts", "scripts/seed.ts"];
  for (const script of scripts) {
    const result = spawnSync(bin("tsx"), [script], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", timeout: 5 * 60_000 });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`${script} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
}

export interface AppServer {
  origin: string;
  /** The process `next start` runs in; the server may be in a child of it. */
  pid: number;
  logTail(): string;
  /** Waits until /api/health answers 200, at most `withinMs`. */
  ready(withinMs?: number): Promise<void>;
  stop(): Promise<void>;
  /** For exit handlers, where nothing asynchronous runs. */
  killNow(): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // Negative: the whole process group, so a server child of `next start` goes too.
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Starts `next start`; call `ready()` before using it and `stop()` in every case. */
export function spawnAppServer(env: Record<string, string>, port: number, logFile: string): AppServer {
  const log = fs.openSync(logFile, "a");
  const child = spawn(bin("next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", log, log],
    // Its own process group, so stopping it reaches a server child too (see killGroup).
    detached: true,
  });
  fs.closeSync(log);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const origin = `http://127.0.0.1:${port}`;
  const logTail = () => fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
  return {
    origin,
    pid: child.pid!,
    logTail,
    async ready(withinMs = 60_000) {
      const deadline = Date.now() + withinMs;
      while (Date.now() < deadline) {
        if (exited) throw new Error("The app exited before it was ready.");
        try {
          const response = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(2000) });
          if (response.status === 200) return;
        } catch {
          // not listening yet
        }
        await sleep(250);
      }
      throw new Error(`The app did not answer /api/health within ${withinMs / 1000} s.`);
    },
    async stop() {
      if (!exited) {
        killGroup(child, "SIGTERM");
        await Promise.race([exit, sleep(10_000)]);
      }
      killGroup(child, "SIGKILL");
    },
    killNow: () => killGroup(child, "SIGKILL"),
  };
}

/** Signs in through next-auth's credentials endpoint, as the sign-in page does; returns the Cookie header. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(";")[0]!;
      const equals = pair.indexOf("=");
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

  const csrf = await fetch(`${origin}/api/auth/csrf`, { signal: AbortSignal.timeout(30_000) });
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error(`No CSRF token from /api/auth/csrf (HTTP ${csrf.status}).`);

  const callback = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    // Origin as the browser's form post sends it: the proxy refuses a POST without it.
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(), Origin: origin },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  keep(callback);
  const sessionCookie = [...jar.keys()].find((name) => name.endsWith("next-auth.session-token"));
  if (!sessionCookie) throw new Error(`Signing in as ${email} failed (HTTP ${callback.status}): ${await callback.text()}`);
  return `${sessionCookie}=${jar.get(sessionCookie)}`;
}
