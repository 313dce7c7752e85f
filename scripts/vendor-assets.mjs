// Copies GOV.UK Frontend and MOJ Frontend's built CSS, JS and images out of node_modules into
// public/ (git-ignored), so they are served from the packages themselves and never from a CDN.
// GDS Transport is licensed for GOV.UK domains only, so the font faces are dropped and every
// font stack falls back to Arial, as the design asks.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const govuk = path.join(root, "node_modules/govuk-frontend/dist/govuk");
const moj = path.join(root, "node_modules/@ministryofjustice/frontend/moj");
const vendor = path.join(root, "public/vendor");
const images = path.join(root, "public/assets/images");

export function copyVendorAssets() {
  fs.mkdirSync(vendor, { recursive: true });
  fs.mkdirSync(images, { recursive: true });
  const withoutGdsTransport = (css) =>
    css.replace(/@font-face\{font-family:GDS Transport;[^}]*\}/g, "").replace(/GDS Transport,/g, "").replace(/font-family:GDS Transport([;}])/g, "font-family:arial,sans-serif$1");
  fs.writeFileSync(path.join(vendor, "govuk-frontend.min.css"), withoutGdsTransport(fs.readFileSync(path.join(govuk, "govuk-frontend.min.css"), "utf8")));
  fs.writeFileSync(path.join(vendor, "moj-frontend.min.css"), withoutGdsTransport(fs.readFileSync(path.join(moj, "moj-frontend.min.css"), "utf8")));
  fs.copyFileSync(path.join(govuk, "govuk-frontend.min.js"), path.join(vendor, "govuk-frontend.min.js"));
  fs.copyFileSync(path.join(moj, "moj-frontend.min.js"), path.join(vendor, "moj-frontend.min.js"));
  for (const dir of [path.join(govuk, "assets/images"), path.join(moj, "assets/images")]) {
    for (const name of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, name), path.join(images, name));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  copyVendorAssets();
  console.log("GOV.UK and MOJ Frontend assets copied into public/.");
}
