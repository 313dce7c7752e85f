// The server Playwright tests run against: the production build, a throwaway DATA_DIR with fresh
// demo data, listening on 127.0.0.1 only.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root, tsx } from "./lib/setup.mjs";

const port = process.env.E2E_PORT || "3100";
// One folder per port, so two suites on different ports never share a database.
const dataDir = path.join(root, `.e2e-data-${port}`);
fs.rmSync(dataDir, { recursive: true, force: true });
const env = {
  NODE_ENV: "production",
  DATA_DIR: dataDir,
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  NEXTAUTH_SECRET: "e2e-only-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
  NEXT_TELEMETRY_DISABLED: "1",
};
tsx("Migrating the e2e database", "scripts/migrate.ts", env);
tsx("Seeding the e2e database", "scripts/seed.ts", env);
const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", port], { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
