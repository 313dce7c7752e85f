import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { caseParties, cases, uploadSessions, type CaseStatus, type FilingSide } from "@/db/schema";
import { FIXED_NOW, makeOrganisation, makeUser } from "@/db/testing";
import type { Actor } from "../context";
import { DomainError } from "../errors";
import { newId } from "../ids";

/** A case with a complainant and a respondent, each represented by a firm, and the people who act on it. For tests only. */
export function makeEvidenceWorld(db: Db) {
  const complainantOrg = makeOrganisation(db, "Corvid Labs Ltd");
  const complainantFirm = makeOrganisation(db, "Harrow & Vell LLP");
  const respondentOrg = makeOrganisation(db, "Meridian Cloud Systems Pte Ltd");
  const respondentFirm = makeOrganisation(db, "Ostrander Kemp LLP");
  const otherFirm = makeOrganisation(db, "Unrelated & Co");
  const people = {
    caseworker: makeUser(db, "caseworker"),
    otherCaseworker: makeUser(db, "caseworker"),
    supervisor: makeUser(db, "supervisor"),
    leaver: makeUser(db, "caseworker", { disabled: true }),
    admin: makeUser(db, "admin"),
    complainantLawyer: makeUser(db, "party", { organisationIds: [complainantFirm] }),
    complainantColleague: makeUser(db, "party", { organisationIds: [complainantFirm] }),
    respondentLawyer: makeUser(db, "party", { organisationIds: [respondentFirm] }),
    outsider: makeUser(db, "party", { organisationIds: [otherFirm] }),
    amicus: makeUser(db, "amicus"),
  };

  let caseCount = 0;
  function makeCase(options: { status?: CaseStatus; assignedTo?: string | null } = {}): string {
    const id = newId();
    const stamp = FIXED_NOW.toISOString();
    db.insert(cases)
      .values({
        id,
        reference: `IPC-2026-${String((caseCount += 1)).padStart(6, "0")}`,
        status: options.status ?? "assessment",
        title: "Copied reward model",
        complaint: {},
        ipRights: ["trade_secret"],
        technologyTags: [],
        createdBy: people.complainantLawyer.id,
        assignedTo: options.assignedTo ?? null,
        submittedAt: stamp,
        createdAt: stamp,
        updatedAt: stamp,
      })
      .run();
    db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: complainantOrg, role: "complainant", representativeOrganisationId: complainantFirm, addedAt: stamp }).run();
    db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: respondentOrg, role: "respondent", representativeOrganisationId: respondentFirm, addedAt: stamp }).run();
    return id;
  }

  /** An upload row as the tus server leaves it; completed (sniffed, hashed, stored) unless told otherwise. */
  function makeUpload(actor: Actor, caseId: string, options: { filename?: string; completed?: boolean; refusedReason?: string; side?: FilingSide; purpose?: "evidence" | "amicus_brief" } = {}): string {
    const id = newId().replace(/-/g, "");
    const filename = options.filename ?? `exhibit-${id.slice(0, 6)}.pdf`;
    const completed = options.completed ?? true;
    const size = 1000 + Math.floor(Math.random() * 1e6);
    db.insert(uploadSessions)
      .values({
        id,
        caseId,
        userId: actor.id,
        filingSide: options.side ?? (actor.role === "party" ? "complainant" : "regulator"),
        purpose: options.purpose ?? "evidence",
        originalFilename: filename,
        declaredSize: size,
        createdAt: FIXED_NOW.toISOString(),
        completedAt: completed ? FIXED_NOW.toISOString() : null,
        sha256: completed ? createHash("sha256").update(id).digest("hex") : null,
        contentType: completed ? "application/pdf" : null,
        sizeBytes: completed ? size : null,
        refusedReason: options.refusedReason ?? null,
      })
      .run();
    return id;
  }

  return { people, makeCase, makeUpload, orgs: { complainantOrg, complainantFirm, respondentOrg, respondentFirm, otherFirm } };
}

/** The DomainError a call throws; fails the test if it throws nothing or something else. */
export function thrown(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError, but nothing was thrown");
}
