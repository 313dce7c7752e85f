/**
 * Countries a respondent may be based in, stored as ISO 3166-1 alpha-2 codes (as organisations'
 * `country` column is) and named through the runtime's own locale data. Name the options on the
 * server only: browsers ship different locale data, which would make the rendered names differ.
 */
const ISO_3166_CODES = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV
BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES
ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE
IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU
NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM
SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE
VG VI VN VU WF WS YE YT ZA ZM ZW`
  .trim()
  .split(/\s+/);

const CODES = new Set(ISO_3166_CODES);

export const isCountryCode = (value: string): boolean => CODES.has(value);

const regionNames = new Intl.DisplayNames(["en-GB"], { type: "region", fallback: "code" });

export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}

let sorted: [string, string][] | null = null;

/** `[code, name]` pairs sorted by name, for a select. */
export function countryOptions(): [string, string][] {
  sorted ??= ISO_3166_CODES.map((code): [string, string] => [code, countryName(code)]).sort((a, b) => a[1].localeCompare(b[1], "en-GB"));
  return sorted;
}
