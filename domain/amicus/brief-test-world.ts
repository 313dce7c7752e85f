import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { amicusApplications, type AmicusStatus } from "@/db/schema";
import { FIXED_NOW, testCtx } from "@/db/testing";
import type { Actor } from "../context";
import { completeUpload } from "../evidence/complete-upload";
import type { BlobStore } from "../evidence/blob-store";
import { startUpload } from "../evidence/uploads";
import { newId } from "../ids";
import type { AmicusApplicationRow } from "./applications";
import { makeLeaveTestWorld } from "./leave-test-world";

export const BRIEF_DUE_ON = "2026-12-14";
export const WORD_LIMIT = 5000;

/**
 * For tests only: the leave test world plus applications already decided (granted with a word limit
 * and deadline, or in any other state), each on a case of its own, and a way to upload a brief
 * through the real upload path (session, sniff, blob store).
 */
export function makeBriefTestWorld(db: Db) {
  const world = makeLeaveTestWorld(db);

  function makeDecidedApplication(options: { status?: AmicusStatus; applicant?: Actor; wordLimit?: number; briefDueOn?: string; caseId?: string; assignedTo?: string | null } = {}): AmicusApplicationRow {
    const caseId = options.caseId ?? world.makeRegisterCase({ assignedTo: options.assignedTo ?? null }).id;
    const id = world.makeApplication(caseId, options.applicant ?? world.people.amicus, { status: options.status ?? "granted" });
    db.update(amicusApplications)
      .set({ wordLimit: options.wordLimit ?? WORD_LIMIT, briefDueOn: options.briefDueOn ?? BRIEF_DUE_ON, decidedAt: FIXED_NOW.toISOString(), decisionReasons: "The points are not made by the parties." })
      .where(eq(amicusApplications.id, id))
      .run();
    return db.select().from(amicusApplications).where(eq(amicusApplications.id, id)).get()!;
  }

  /** A brief uploaded in full by `actor` under `application`, as the tus handler leaves it: sniffed and stored. */
  async function uploadBrief(actor: Actor, application: Pick<AmicusApplicationRow, "id" | "caseId">, bytes: Buffer, options: { filename?: string; now?: Date; dir: string; blobs: BlobStore }): Promise<string> {
    const uploadId = newId().replaceAll("-", "");
    const ctx = testCtx(db, actor, options.now ?? FIXED_NOW);
    startUpload(ctx, { uploadId, caseId: application.caseId, filename: options.filename ?? "brief.pdf", declaredSize: bytes.length, purpose: "amicus_brief", applicationId: application.id });
    const filePath = path.join(options.dir, uploadId);
    fs.writeFileSync(filePath, bytes);
    const result = await completeUpload(ctx, { uploadId, filePath }, options.blobs);
    if (!result.ok) throw new Error(`The test brief was refused: ${result.reason}`);
    return uploadId;
  }

  return { ...world, makeDecidedApplication, uploadBrief };
}
