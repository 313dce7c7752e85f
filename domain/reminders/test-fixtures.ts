/** Shared by the reminder tests (and the child processes of the race test). For tests only. */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { caseParties, cases, notifications, users } from "@/db/schema";
import { makeOrganisation, makeUser, testCtx } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { addDays } from "../deadlines/calendar-date";
import { startDeadline } from "../deadlines/case-clock";
import type { DeadlineRow } from "../deadlines/clock";

export interface ReminderWorld {
  caseworker: Actor;
  teamSupervisor: Actor;
  otherSupervisor: Actor;
  complainant: Actor;
  respondent: Actor;
  caseId: string;
}

function joinTeam(db: Db, actor: Actor, team: string): Actor {
  db.update(users).set({ team }).where(eq(users.id, actor.id)).run();
  return { ...actor, team };
}

/**
 * A case assigned to a caseworker in team "alpha", a supervisor of that team and one of another,
 * and one solicitor for each side.
 */
export function seedReminderWorld(db: Db, options: { assigned?: boolean } = {}): ReminderWorld {
  const caseworker = joinTeam(db, makeUser(db, "caseworker", { email: "caseworker@reminders.test" }), "alpha");
  const teamSupervisor = joinTeam(db, makeUser(db, "supervisor", { email: "supervisor-alpha@reminders.test" }), "alpha");
  const otherSupervisor = joinTeam(db, makeUser(db, "supervisor", { email: "supervisor-beta@reminders.test" }), "beta");
  const complainantOrg = makeOrganisation(db, "Complainant Labs Ltd");
  const respondentOrg = makeOrganisation(db, "Respondent Cloud Pte Ltd");
  const complainant = makeUser(db, "party", { email: "complainant@reminders.test", organisationIds: [complainantOrg] });
  const respondent = makeUser(db, "party", { email: "respondent@reminders.test", organisationIds: [respondentOrg] });
  const caseId = newId();
  const at = "2026-12-01T10:00:00.000Z";
  db.insert(cases)
    .values({ id: caseId, reference: "IPC-2026-000042", status: "assessment", title: "Reward-model training copied", complaint: {}, ipRights: ["trade_secret"], technologyTags: [], createdBy: complainant.id, assignedTo: options.assigned === false ? null : caseworker.id, submittedAt: at, createdAt: at, updatedAt: at })
    .run();
  db.insert(caseParties).values({ id: newId(), caseId, organisationId: complainantOrg, role: "complainant", addedAt: at }).run();
  db.insert(caseParties).values({ id: newId(), caseId, organisationId: respondentOrg, role: "respondent", addedAt: at }).run();
  return { caseworker, teamSupervisor, otherSupervisor, complainant, respondent, caseId };
}

export function startTestDeadline(db: Db, world: ReminderWorld, ruleId: string, startOn: string): DeadlineRow {
  return db.transaction((tx) => startDeadline(tx, testCtx(db, world.caseworker, noonOn(startOn)), { caseId: world.caseId, ruleId, startOn, reason: "Test" }));
}

/** Midday in London on a date, in either GMT or BST. */
export const noonOn = (date: string) => new Date(`${date}T12:00:00Z`);

/** Every date from `from` to `to`, inclusive. */
export function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

export function notificationsFor(db: Db, userId: string, kind: string) {
  return db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind))).orderBy(asc(notifications.createdAt)).all();
}
