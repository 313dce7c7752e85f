import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // GOV.UK Frontend initialises its components on page load and our forms must work without
      // JavaScript, so navigation is deliberately plain links and full page loads (docs/adr/0002).
      "@next/next/no-html-link-for-pages": "off",
      // GOV.UK/MOJ CSS and the module that initialises their JS are served from /vendor, copied
      // from the npm packages (docs/adr/0002); <script type="module"> is deferred by definition.
      "@next/next/no-css-tags": "off",
      "@next/next/no-sync-scripts": "off",
    },
  },
  globalIgnores([".next/**", "node_modules/**", "data/**", ".e2e-data*/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "public/vendor/**", "db/migrations/**"]),
]);
