import type { Confidentiality, FilingSide } from "@/db/schema";

/** Who may see an item at each level, in the words a filer chooses by (DESIGN.md, "Access control"). */
export const CONFIDENTIALITY_MEANING: Record<Confidentiality, string> = {
  public: "anyone, once the case is on the public register",
  parties: "the regulator and the parties to this case",
  restricted: "the regulator and your side only",
};

/** The same, written about a filing on record (a receipt, an email). */
export const CONFIDENTIALITY_MEANING_FOR_RECORD: Record<Confidentiality, string> = {
  public: "anyone, once the case is on the public register",
  parties: "the regulator and the parties to the case",
  restricted: "the regulator and the filing side only",
};

export const FILING_SIDE_NAME: Record<FilingSide, string> = { complainant: "the complainant", respondent: "the respondent", regulator: "the regulator", amicus: "the amicus" };
