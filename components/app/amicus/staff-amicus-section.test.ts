import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { amicusApplications } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import { listCaseApplicationsForStaff } from "@/domain/amicus/list-applications";
import { makeLeaveTestWorld } from "@/domain/amicus/leave-test-world";
import { StaffAmicusSection } from "./StaffAmicusSection";

// The form's server action needs a request; rendering only needs something to pass to the form.
vi.mock("@/app/(staff)/cases/[caseId]/amicus-actions", () => ({ decideAmicusApplicationAction: async () => null }));

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeLeaveTestWorld>;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeLeaveTestWorld(db);
});
afterAll(() => testDb.close());

const render = (caseId: string, canDecide?: boolean) =>
  renderToStaticMarkup(createElement(StaffAmicusSection, { caseId, applications: listCaseApplicationsForStaff(world.ctxFor(world.people.caseworker), caseId), canDecide }));

describe("StaffAmicusSection", () => {
  it("says so when nobody has applied", () => {
    const html = render(world.makeRegisterCase().id);
    expect(html).toContain('<h2 class="govuk-heading-m" id="amicus">Amicus applications</h2>');
    expect(html).toContain("Nobody has applied for leave to file an amicus brief on this case.");
  });

  it("flags a refusal to disclose, offers a decision only on waiting applications, and shows the terms of a grant", () => {
    const onCase = world.makeRegisterCase();
    const waiting = world.makeApplication(onCase.id, world.people.amicus, { applicantName: "Declining Forum" });
    db.update(amicusApplications).set({ declinedToDisclose: true, disclosure: null, fundingDisclosure: null, requestedWords: 4200 }).where(eq(amicusApplications.id, waiting)).run();
    const granted = world.makeApplication(onCase.id, world.otherAmicus, { status: "granted", applicantName: "Granted Forum" });
    db.update(amicusApplications).set({ wordLimit: 3000, briefDueOn: "2026-12-29", decisionReasons: "Useful <points>.", decidedAt: "2026-12-11T12:00:00.000Z", decidedBy: world.people.caseworker.id }).where(eq(amicusApplications.id, granted)).run();

    const html = render(onCase.id);
    expect(html).toContain("2 applications, 1 waiting for a decision.");
    expect(html).toContain('<strong class="govuk-tag govuk-tag--orange">Declined to disclose</strong>');
    expect(html.match(/Grant or refuse leave/g)).toHaveLength(1);
    expect(html).toContain(`name="applicationId" value="${waiting}"`);
    expect(html).not.toContain(`name="applicationId" value="${granted}"`);
    // The word limit starts at what the applicant asked for.
    expect(html).toContain('value="4200"');
    expect(html).toContain("Funded by members&#x27; subscriptions");
    expect(html).toContain("3,000 words");
    expect(html).toContain("Tuesday 29 December 2026");
    expect(html).toContain("Useful &lt;points&gt;.");
    expect(html).toContain("Not filed yet");

    expect(render(onCase.id, false)).not.toContain("Grant or refuse leave");
  });
});
