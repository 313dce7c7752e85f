// Progressive enhancement: pages work without this; with it, GOV.UK and MOJ components come alive.
import { initAll as initGovuk } from "/vendor/govuk-frontend.min.js";
import { initAll as initMoj } from "/vendor/moj-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initGovuk();
initMoj();
