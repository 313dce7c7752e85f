import { test, expect } from "@playwright/test";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import { Upload } from "tus-js-client";
import { storageStateFor } from "./fixtures";
import { u8Safetensors } from "../domain/evidence/testing-files";

const FLAGSHIP = /attention-head configuration/;

/** The session cookie a signed-in browser would send, from the setup project's saved state. */
function cookieHeader(role: "complainant"): string {
  const state = JSON.parse(fs.readFileSync(storageStateFor(role), "utf8")) as { cookies: { name: string; value: string }[] };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

function upload(baseURL: string, cookie: string, bytes: Buffer, metadata: Record<string, string>): Promise<{ sha256: string }> {
  return new Promise((resolve, reject) => {
    const tus = new Upload(bytes, {
      endpoint: `${baseURL}/api/uploads`,
      // A browser sends Origin with every upload request; Node's HTTP client has to be told to.
      headers: { Cookie: cookie, Origin: baseURL },
      metadata,
      chunkSize: 8 * 1024 * 1024,
      retryDelays: null,
      storeFingerprintForResuming: false,
      onSuccess: ({ lastResponse }) => resolve({ sha256: lastResponse.getHeader("X-Upload-Sha256") ?? "" }),
      onError: reject,
    });
    tus.start();
  });
}

// Next.js cuts a request body proxied through middleware at 10 MB; these sizes straddle that line
// through the real production server, to prove nothing in front of the upload route truncates.
test("9 MB and 11 MB uploads through the production server arrive whole, with the hash of what was sent", async ({ browser, baseURL }) => {
  const page = await (await browser.newContext({ storageState: storageStateFor("complainant") })).newPage();
  await page.goto("/portal");
  await page.getByRole("row", { name: FLAGSHIP }).getByRole("link").first().click();
  const caseId = new URL(page.url()).pathname.split("/").pop()!;
  await page.context().close();

  for (const megabytes of [9, 11]) {
    const bytes = u8Safetensors(randomBytes(megabytes * 1024 * 1024));
    const result = await upload(baseURL!, cookieHeader("complainant"), bytes, { caseId, filename: `weights-${megabytes}mb.safetensors`, filetype: "application/octet-stream" });
    expect(result.sha256, `${megabytes} MB`).toBe(createHash("sha256").update(bytes).digest("hex"));
  }
});

test("an upload without a session is refused before any byte is accepted", async ({ baseURL }) => {
  const response = await fetch(`${baseURL}/api/uploads`, {
    method: "POST",
    headers: { Origin: baseURL!, "Tus-Resumable": "1.0.0", "Upload-Length": "1024", "Upload-Metadata": `filename ${Buffer.from("a.pdf").toString("base64")}` },
  });
  expect(response.status).toBe(401);
});
