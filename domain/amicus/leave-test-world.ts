import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { amicusApplications, cases, type AmicusStatus } from "@/db/schema";
import { FIXED_NOW, makeUser, testCtx } from "@/db/testing";
import type { Actor } from "../context";
import { makeEvidenceTestWorld } from "../evidence/evidence-test-world";
import { newId } from "../ids";
import type { ApplyForLeaveInput } from "./apply-for-leave";

/** For tests only: the evidence test world plus a second amicus applicant and published cases with an amicus window. */
export function makeLeaveTestWorld(db: Db) {
  const world = makeEvidenceTestWorld(db);
  const otherAmicus = makeUser(db, "amicus");

  /** A case on the register whose amicus window closes on `closesOn`; unpublished if `published` is false. */
  function makeRegisterCase(options: { closesOn?: string; published?: boolean; assignedTo?: string | null } = {}): { id: string; reference: string } {
    const id = world.makeCase({ publishedAt: options.published === false ? null : FIXED_NOW.toISOString(), assignedTo: options.assignedTo ?? null });
    db.update(cases)
      .set({ amicusWindowClosesOn: options.published === false ? null : (options.closesOn ?? "2026-12-12") })
      .where(eq(cases.id, id))
      .run();
    return { id, reference: db.select({ reference: cases.reference }).from(cases).where(eq(cases.id, id)).get()!.reference! };
  }

  /** An application row written directly, for tests of reading and deciding. */
  function makeApplication(caseId: string, applicant: Actor, options: { status?: AmicusStatus; applicantName?: string } = {}): string {
    const id = newId();
    db.insert(amicusApplications)
      .values({
        id,
        caseId,
        applicantId: applicant.id,
        applicantName: options.applicantName ?? "Open Models Forum",
        represents: "Independent AI researchers",
        interest: "Our members publish open model weights.",
        disclosure: "None",
        fundingDisclosure: "Funded by members' subscriptions",
        declinedToDisclose: false,
        pointsSummary: "Attention-head configurations are common knowledge in the field.",
        whyNotParties: "Neither party publishes open weights.",
        requestedWords: 4000,
        status: options.status ?? "applied",
        createdAt: FIXED_NOW.toISOString(),
      })
      .run();
    return id;
  }

  return { ...world, otherAmicus, makeRegisterCase, makeApplication, ctxFor: (actor: Actor | null, now?: Date) => testCtx(db, actor, now) };
}

export const validApplication = (caseReference: string, overrides: Partial<ApplyForLeaveInput> = {}): ApplyForLeaveInput => ({
  caseReference,
  applicantName: "Dr Ada Quillfeather",
  represents: "The Society for Open Model Research",
  interest: "Our members study reward-model training and publish their methods.",
  declineToDisclose: "no",
  relationshipDisclosure: "None",
  fundingDisclosure: "Written by our members without outside funding.",
  pointsSummary: "Reward-model training methods of this kind were published before the complainant's.",
  whyNotParties: "Neither party has an interest in showing the methods are public.",
  requestedWords: "3,000",
  ...overrides,
});
