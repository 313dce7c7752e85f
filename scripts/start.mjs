// `npm start`: install what is missing, build, migrate, seed the demo data on first run, serve.
import { spawn } from "node:child_process";
import path from "node:path";
import { copyVendorAssets, ensureAuthSecret, ensureBuild, ensureDependencies, root, tsx } from "./lib/setup.mjs";

ensureDependencies();
copyVendorAssets();
ensureBuild();

const dataDir = path.resolve(root, process.env.DATA_DIR || "data");
const port = process.env.PORT || "3000";
const env = {
  NODE_ENV: "production",
  DATA_DIR: dataDir,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
  NEXTAUTH_SECRET: ensureAuthSecret(dataDir),
  NEXT_TELEMETRY_DISABLED: "1",
};
tsx("Migrating the database", "scripts/migrate.ts", env);
tsx("Seeding demo data (first run only)", "scripts/seed.ts", env);

const seedDemo = process.env.SEED_DEMO !== "false";
console.log(`
IP Casework is starting on ${env.NEXTAUTH_URL}
Data directory: ${dataDir}
${
  seedDemo
    ? `Demo sign-ins (password for all: casework-demo):
  caseworker@ipcasework.test   caseworker
  supervisor@ipcasework.test   supervisor (approves decisions, extends deadlines)
  admin@ipcasework.test        administrator
  complainant@ipcasework.test  solicitor for the complainant (Harrow & Vell LLP for Corvid Labs)
  respondent@ipcasework.test   solicitor for the respondent (Ostrander Kemp LLP for Meridian Cloud Systems)
  amicus@ipcasework.test       amicus applicant (Open Weights Research Collective)`
    : "SEED_DEMO=false: no demo accounts were created."
}
`);

const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", port], { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
