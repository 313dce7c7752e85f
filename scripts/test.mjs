// `npm test`: install what is missing, then typecheck, lint, unit/integration tests and the
// Playwright suite against a production build. Stops at the first failing stage.
import { copyVendorAssets, ensureBuild, ensureDependencies, runBin } from "./lib/setup.mjs";

const started = Date.now();
ensureDependencies();
copyVendorAssets();
runBin("Typecheck (tsc --noEmit)", "tsc", ["--noEmit"]);
runBin("Lint (eslint)", "eslint", ["--max-warnings=0", "."]);
runBin("Unit and integration tests (vitest, TZ=Europe/London)", "vitest", ["run"], { env: { TZ: "Europe/London" } });
// Deadline arithmetic must not depend on the server's zone: run the date suites again elsewhere.
runBin("Deadline tests again under TZ=America/New_York", "vitest", ["run", "domain/deadlines"], { env: { TZ: "America/New_York" } });
ensureBuild();
runBin("Browser tests (Playwright, production build)", "playwright", ["test"]);
console.log(`\nAll test stages passed in ${Math.round((Date.now() - started) / 1000)} s.`);
