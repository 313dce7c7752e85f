import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { caseParties, cases, mailOutbox, notifications } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeOrganisation, makeUser, testCtx } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { tellParties } from "./tell-parties";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let solicitor: Actor;
let caseId: string;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  const firm = makeOrganisation(db, "Harrow & Vell LLP");
  solicitor = makeUser(db, "party", { organisationIds: [firm] });
  caseId = newId();
  const at = FIXED_NOW.toISOString();
  db.insert(cases).values({ id: caseId, reference: "IPC-2026-000007", status: "assessment", title: "Corvid v Meridian", complaint: {}, ipRights: ["copyright"], technologyTags: [], createdBy: solicitor.id, submittedAt: at, createdAt: at, updatedAt: at }).run();
  db.insert(caseParties).values({ id: newId(), caseId, organisationId: makeOrganisation(db, "Corvid Labs Ltd"), representativeOrganisationId: firm, role: "complainant", addedAt: at }).run();
});

afterEach(() => testDb.close());

it("tells each party in the app and by an email whose link works outside the app", () => {
  const ctx = testCtx(db, null);
  db.transaction((tx) => tellParties(tx, ctx, { caseId, reference: "IPC-2026-000007", sides: ["complainant"], kind: "case.accepted", title: "Complaint accepted", body: "The regulator has accepted the complaint." }));
  expect(db.select().from(notifications).where(eq(notifications.userId, solicitor.id)).all()).toMatchObject([{ title: "Complaint accepted", link: `/portal/cases/${caseId}` }]);
  const [mail, ...more] = db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, solicitor.email)).all();
  expect(more).toEqual([]);
  expect(mail?.subject).toBe("IPC-2026-000007: Complaint accepted");
  expect(mail?.body).toContain(`${ctx.config.baseUrl}/portal/cases/${caseId}`);
});
