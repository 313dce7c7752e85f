import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { caseParties, cases, conflictDeclarations, organisationMembers, organisations, users } from "../schema";
import { hashPassword } from "@/domain/users/passwords";
import { recordAudit } from "@/domain/audit/record";
import { allocateCaseReference, londonYear } from "@/domain/cases/allocate-reference";
import { newId } from "@/domain/ids";
import { writeTransaction } from "@/domain/transaction";
import { appendClockEvent, startDeadline } from "@/domain/deadlines/case-clock";
import { londonDateOf } from "@/domain/deadlines/london-date";
import { reindexCaseForSearch } from "@/domain/cases/search-index";
import { deadlines } from "../schema";
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS, FLAGSHIP_CASE, OTHER_DEMO_CASES, type DemoCase } from "./demo-data";
import { dueDateForRule } from "@/domain/deadlines/rule-due-date";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates the demo organisations, accounts and complaints once. Safe to call on every start: it
 * does nothing if the demo accounts already exist.
 */
export async function seedDemoData(db: Db, now: Date): Promise<{ seeded: boolean }> {
  const alreadySeeded = db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0].email)).get();
  if (alreadySeeded) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD); // before the transaction: it must stay synchronous

  return writeTransaction(db, (tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0].email)).get()) return { seeded: false };
    const ctx = { actor: null, now };
    const at = now.toISOString();
    const orgIds = new Map<string, string>();
    for (const org of DEMO_ORGANISATIONS) {
      const id = newId();
      orgIds.set(org.key, id);
      tx.insert(organisations).values({ id, name: org.name, kind: org.kind, country: org.country, createdAt: at }).run();
    }
    const userIds = new Map<string, string>();
    for (const user of DEMO_USERS) {
      const id = newId();
      userIds.set(user.email, id);
      tx.insert(users).values({ id, email: user.email, name: user.name, passwordHash, role: user.role, team: user.team, emailVerifiedAt: at, createdAt: at, updatedAt: at }).run();
      for (const key of user.organisations) tx.insert(organisationMembers).values({ organisationId: orgIds.get(key)!, userId: id, joinedAt: at }).run();
      recordAudit(tx, ctx, { action: "seed.user_created", subject: `user:${id}`, data: { email: user.email, role: user.role } });
    }

    const complainantUser = userIds.get("complainant@ipcasework.test")!;
    const insertCase = (demo: DemoCase) => {
      const id = newId();
      const received = new Date(now.getTime() - demo.receivedDaysAgo * DAY_MS);
      const isDraft = demo.status === "draft";
      const reference = isDraft ? null : allocateCaseReference(tx, londonYear(received));
      // Published the day after acceptance, which opened the 21-day amicus window.
      const published = demo.published && demo.acceptedDaysAgo !== undefined ? new Date(now.getTime() - Math.max(0, demo.acceptedDaysAgo - 1) * DAY_MS) : null;
      const amicusWindowClosesOn = published ? dueDateForRule(tx, "amicus-window", londonDateOf(published), londonDateOf(now)).dueOn : null;
      const decided = demo.decision ? new Date(now.getTime() - Math.max(0, (demo.acceptedDaysAgo ?? 0) - 30) * DAY_MS).toISOString() : null;
      tx.insert(cases)
        .values({
          id,
          reference,
          status: demo.status,
          title: demo.title,
          complaint: { summary: demo.summary },
          ipRights: demo.ipRights,
          technologyTags: demo.technologyTags,
          createdBy: complainantUser,
          assignedTo: demo.assignedTo ? userIds.get(demo.assignedTo)! : null,
          submittedAt: isDraft ? null : received.toISOString(),
          acceptedOn: demo.acceptedDaysAgo !== undefined ? londonDateOf(new Date(now.getTime() - demo.acceptedDaysAgo * DAY_MS)) : null,
          decision: demo.decision ?? null,
          decisionReasons: demo.decision ? "Demo decision: see the published reasons." : null,
          decidedAt: decided,
          closedAt: demo.status === "closed" || demo.status === "withdrawn" ? at : null,
          publishedAt: published?.toISOString() ?? null,
          publicSummary: published ? demo.summary : null,
          amicusWindowClosesOn,
          createdAt: received.toISOString(),
          updatedAt: at,
        })
        .run();
      const addParty = (role: "complainant" | "respondent", org: string, rep?: string) =>
        tx.insert(caseParties).values({ id: newId(), caseId: id, organisationId: orgIds.get(org)!, role, representativeOrganisationId: rep ? orgIds.get(rep)! : null, addedAt: received.toISOString() }).run();
      // A real draft has no parties yet: they are recorded when it is submitted.
      if (!isDraft) {
        addParty("complainant", demo.complainant, demo.complainantRep);
        addParty("respondent", demo.respondent, demo.respondentRep);
      }
      // Assigned demo cases were taken on in the usual way: the caseworker declared no conflict.
      if (demo.assignedTo) tx.insert(conflictDeclarations).values({ id: newId(), caseId: id, userId: userIds.get(demo.assignedTo)!, hasConflict: false, details: null, declaredAt: received.toISOString() }).run();
      recordAudit(tx, ctx, { action: "seed.case_created", caseId: id, subject: `case:${id}`, data: { reference, status: demo.status } });
      reindexCaseForSearch(tx, id);
      if (demo.acceptedDaysAgo !== undefined) {
        const acceptedOn = londonDateOf(new Date(now.getTime() - demo.acceptedDaysAgo * DAY_MS));
        const deadline = startDeadline(tx, ctx, { caseId: id, ruleId: "case-to-answer", startOn: acceptedOn, reason: "Complaint accepted as valid" });
        if (demo.decision) {
          tx.update(deadlines).set({ status: "met", completedAt: decided, updatedAt: at }).where(eq(deadlines.id, deadline.id)).run();
          appendClockEvent(tx, ctx, deadline, { kind: "met", effectiveOn: londonDateOf(new Date(decided!)), reason: "Case-to-answer decision approved" });
        }
      }
      return id;
    };
    // Oldest first, so references run in the order complaints arrived.
    const all = [FLAGSHIP_CASE, ...OTHER_DEMO_CASES].sort((a, b) => b.receivedDaysAgo - a.receivedDaysAgo);
    for (const demo of all) insertCase(demo);
    insertCase({ title: "Draft: vector-database index format copied", status: "draft", complainant: "corvid", complainantRep: "harrow", respondent: "quillon", ipRights: [], technologyTags: [], summary: "Not finished yet.", receivedDaysAgo: 0 });
    return { seeded: true };
  });
}
