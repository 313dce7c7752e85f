// Shared by `npm start` and `npm test`: plain Node, no dependencies, because it runs before
// anything is installed on a fresh clone.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options, env: { ...process.env, ...options.env } });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function runOrExit(label, command, args, options) {
  console.log(`\n▶ ${label}`);
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n✗ ${label} failed (exit ${status}).`);
    process.exit(status);
  }
}

export const runBin = (label, name, args, options) => runOrExit(label, bin(name), args, options);

function fileHash(file) {
  return fs.existsSync(file) ? crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex") : "none";
}

/** Installs dependencies when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  const stamp = path.join(root, "node_modules", ".ip-casework-lock-hash");
  const lockHash = fileHash(path.join(root, "package-lock.json"));
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === lockHash) return;
  runOrExit("Installing dependencies (the first run compiles better-sqlite3, about a minute)", "npm", ["ci", "--no-audit", "--no-fund"], {
    env: { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
  });
  fs.writeFileSync(stamp, lockHash);
}

export function copyVendorAssets() {
  runOrExit("Copying GOV.UK and MOJ Frontend assets", process.execPath, [path.join(root, "scripts/vendor-assets.mjs")]);
}

const BUILD_INPUTS = ["app", "components", "db", "domain", "server", "public", "next.config.ts", "package-lock.json", "tsconfig.json"];

/** A fingerprint of everything `next build` reads, so a build is reused until the source changes. */
export function sourceFingerprint() {
  const hash = crypto.createHash("sha256");
  const walk = (entry) => {
    const full = path.join(root, entry);
    if (!fs.existsSync(full)) return;
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(full).sort()) walk(path.join(entry, child));
    } else {
      hash.update(entry).update(fs.readFileSync(full));
    }
  };
  for (const entry of BUILD_INPUTS) walk(entry);
  return hash.digest("hex");
}

/** Runs `next build` unless the last successful build was of exactly this source. */
export function ensureBuild() {
  const stamp = path.join(root, ".next", "ip-casework-source-hash");
  const fingerprint = sourceFingerprint();
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === fingerprint) {
    console.log("\n▶ Production build is up to date.");
    return;
  }
  runBin("Building the app (next build)", "next", ["build"], { env: { NEXT_TELEMETRY_DISABLED: "1" } });
  fs.writeFileSync(stamp, fingerprint);
}

/** NEXTAUTH_SECRET for the embedded default: generated once, kept in DATA_DIR, never committed. */
export function ensureAuthSecret(dataDir) {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "nextauth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(48).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

export function tsx(label, script, env) {
  runBin(label, "tsx", [script], { env });
}
