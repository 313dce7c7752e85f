"use client";

import { Fragment, startTransition, useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { DetailedError, PreviousUpload, Upload } from "tus-js-client";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { RadioGroup } from "@/components/govuk/RadioGroup";
import { TextInput } from "@/components/govuk/TextInput";
import { Textarea } from "@/components/govuk/Textarea";
import type { Confidentiality } from "@/db/schema";
import { CONFIDENTIALITY_MEANING } from "@/domain/evidence/confidentiality";
import { revealHiddenCharacters } from "@/domain/evidence/content-disposition";
import { formatFileSize } from "@/domain/evidence/file-size";
import type { FormState } from "@/server/action";

const UPLOAD_ENDPOINT = "/api/uploads";
// Well under the 10 MB at which a proxied request body is cut off, and small enough that a dropped
// connection loses little; large enough that a 2 GB file is a few hundred requests.
const CHUNK_SIZE = 8 * 1024 * 1024;
const RETRY_DELAYS = [0, 1000, 3000, 5000];
const PARALLEL_UPLOADS = 3;
// The server sweeps partial uploads after a day, so older ones cannot be resumed.
const RESUMABLE_FOR_MS = 24 * 60 * 60 * 1000;

type FileStatus = "waiting" | "uploading" | "uploaded" | "refused" | "failed";

interface FileRow {
  key: string;
  file: File;
  status: FileStatus;
  percent: number;
  uploadId: string | null;
  message: string | null;
  removing: boolean;
}

/**
 * Evidence (the default), or an amicus brief: one PDF or DOCX uploaded under a granted application,
 * always public, with no title or description to give (both come from the application).
 */
export type EvidenceUploaderMode = { kind: "evidence" } | { kind: "amicus_brief"; applicationId: string };

export interface EvidenceUploaderProps {
  caseId: string;
  maxUploadBytes: number;
  /** The regulator's own "restricted" means the regulator only; a party's, the regulator and that party. */
  filerIsRegulator?: boolean;
  /** A corrected version or non-confidential version: one file, linked to the item it replaces. */
  replacement?: { kind: "supersedes" | "nonConfidentialVersionOf"; evidenceId: string } | null;
  defaultConfidentiality?: Confidentiality | null;
  submitAction: (state: FormState, formData: FormData) => Promise<FormState>;
  removeAction: (state: FormState, formData: FormData) => Promise<FormState>;
  mode?: EvidenceUploaderMode;
}

const EVIDENCE_MODE: EvidenceUploaderMode = { kind: "evidence" };
const BRIEF_EXTENSIONS = /\.(pdf|docx)$/i;
const BRIEF_ACCEPT = ".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const subscribeToNothing = () => () => {};
/** False while rendering on the server, true in the browser: without JavaScript nothing here works. */
const useInBrowser = () => useSyncExternalStore(subscribeToNothing, () => true, () => false);

/** `scope` is the case for evidence, so the same file chosen for another case never resumes this one; a brief's is its application. */
const fingerprintFor = (scope: string, file: File) => ["ipc-evidence", scope, file.name, file.type, file.size, file.lastModified].join("|");
const resumeScope = (caseId: string, mode: EvidenceUploaderMode) => (mode.kind === "amicus_brief" ? `brief:${mode.applicationId}` : caseId);

/** The upload id is the last segment of the upload's URL (…/api/uploads/<id>). */
const uploadIdFrom = (url: string | null) => (url ? (new URL(url, window.location.href).pathname.split("/").filter(Boolean).pop() ?? null) : null);

/** What the server said, whether it answered in plain text (a refusal) or JSON (a route error). */
function responseText(body: string): string {
  const text = body.trim();
  if (text.startsWith("{")) {
    try {
      const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
      const message = typeof parsed.error === "object" ? parsed.error?.message : (parsed.error ?? parsed.message);
      if (typeof message === "string") return message;
    } catch {
      // not JSON after all: show it as it is
    }
  }
  return text.slice(0, 500);
}

function describeFailure(error: Error | DetailedError, maxUploadBytes: number, mode: EvidenceUploaderMode): { status: "refused" | "failed"; message: string } {
  const response = "originalResponse" in error ? error.originalResponse : null;
  const status = response?.getStatus() ?? 0;
  const said = response ? responseText(response.getBody() ?? "") : "";
  // A brief of the wrong kind (by its name) or past its deadline will not upload however often it is retried.
  if (mode.kind === "amicus_brief" && (status === 400 || status === 403) && said) return { status: "refused", message: said };
  if (status === 413) return { status: "refused", message: said || `the file is larger than the ${formatFileSize(maxUploadBytes)} limit` };
  if (status === 415 || status === 422) return { status: "refused", message: said || "this type of file cannot be filed as evidence" };
  if (status === 401) return { status: "failed", message: "your session has ended. Sign in again in another tab, then retry" };
  if (status === 403 || status === 404 || status === 410) return { status: "failed", message: said || "this upload is no longer available. Remove it and choose the file again" };
  if (status >= 500) return { status: "failed", message: `the server could not save the file (error ${status})` };
  if (status >= 400) return { status: "failed", message: said || `the server refused the upload (error ${status})` };
  return { status: "failed", message: "the connection was lost" };
}

/** A refused upload cannot be resumed: stop offering it after a reload. */
async function forgetResumableUpload(upload: Upload): Promise<void> {
  try {
    const tus = await import("tus-js-client");
    const stored = await upload.findPreviousUploads();
    await Promise.all(stored.filter((previous) => previous.uploadUrl === upload.url).map((previous) => tus.defaultOptions.urlStorage.removeUpload(previous.urlStorageKey)));
  } catch {
    // Only a stale hint is left behind; choosing the file again starts a fresh upload.
  }
}

function statusText(row: FileRow): string {
  switch (row.status) {
    case "waiting":
      return "Waiting to upload";
    case "uploading":
      return row.percent >= 100 ? "Uploading 100%: checking the file" : `Uploading ${row.percent}%`;
    case "uploaded":
      return "Uploaded";
    case "refused":
      return `Refused: ${row.message ?? ""}`;
    case "failed":
      return `Failed: ${row.message ?? ""}`;
  }
}

/**
 * The multi-file upload pattern over tus: each chosen file uploads at once in resumable chunks with
 * its own progress bar, status and title; failed files can be retried, and any file removed, before
 * the completed ones are submitted together as evidence. A reload resumes an unfinished upload when
 * the same file is chosen again.
 */
export function EvidenceUploader({ caseId, maxUploadBytes, filerIsRegulator = false, replacement = null, defaultConfidentiality = null, submitAction, removeAction, mode = EVIDENCE_MODE }: EvidenceUploaderProps) {
  const inBrowser = useInBrowser();
  const [rows, setRows] = useState<FileRow[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const [unfinished, setUnfinished] = useState<string[]>([]);
  const [unsupported, setUnsupported] = useState(false);
  const [state, dispatch, submitting] = useActionState(submitAction, null);
  const uploads = useRef(new Map<string, Upload>());
  const files = useRef(new Map<string, File>());
  const queue = useRef<string[]>([]);
  const active = useRef(new Set<string>());
  const percents = useRef(new Map<string, number>());
  const nextKey = useRef(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const briefApplicationId = mode.kind === "amicus_brief" ? mode.applicationId : null;
  const brief = briefApplicationId !== null;
  const single = replacement !== null || brief;
  const scope = resumeScope(caseId, mode);

  // Uploads this browser started for this case and did not finish (e.g. before a reload).
  useEffect(() => {
    let cancelled = false;
    import("tus-js-client")
      .then(async (tus) => {
        if (!tus.isSupported) {
          if (!cancelled) setUnsupported(true);
          return;
        }
        const previous = await tus.defaultOptions.urlStorage.findAllUploads();
        const recent = (upload: PreviousUpload) => Date.now() - Date.parse(upload.creationTime) < RESUMABLE_FOR_MS;
        const ours = (upload: PreviousUpload) =>
          upload.metadata?.caseId === caseId && (briefApplicationId !== null ? upload.metadata?.applicationId === briefApplicationId : upload.metadata?.purpose !== "amicus_brief");
        const names = previous.filter((upload) => ours(upload) && recent(upload)).map((upload) => upload.metadata?.filename ?? "");
        if (!cancelled) setUnfinished([...new Set(names.filter(Boolean))]);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [caseId, briefApplicationId]);

  useEffect(() => {
    if (state && !state.ok && summary.current) {
      const element = summary.current.querySelector<HTMLElement>(".govuk-error-summary");
      element?.setAttribute("tabindex", "-1");
      element?.focus();
    }
  }, [state]);

  const patch = (key: string, changes: Partial<FileRow>) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...changes } : row)));

  const finished = (key: string) => {
    if (active.current.delete(key)) pump();
  };

  function pump() {
    while (active.current.size < PARALLEL_UPLOADS && queue.current.length > 0) {
      const key = queue.current.shift()!;
      const file = files.current.get(key);
      if (!file) continue;
      active.current.add(key);
      void begin(key, file);
    }
  }

  async function begin(key: string, file: File) {
    patch(key, { status: "uploading", message: null });
    try {
      let upload = uploads.current.get(key);
      if (!upload) {
        const tus = await import("tus-js-client");
        const created: Upload = new tus.Upload(file, {
          endpoint: new URL(UPLOAD_ENDPOINT, window.location.href).toString(),
          chunkSize: CHUNK_SIZE,
          retryDelays: RETRY_DELAYS,
          metadata: {
            caseId,
            filename: file.name,
            filetype: file.type || "application/octet-stream",
            ...(mode.kind === "amicus_brief" ? { purpose: "amicus_brief", applicationId: mode.applicationId } : {}),
          },
          fingerprint: (chosen: File) => Promise.resolve(fingerprintFor(scope, chosen)),
          storeFingerprintForResuming: true,
          removeFingerprintOnSuccess: true,
          onProgress: (sent, total) => {
            const percent = total > 0 ? Math.floor((sent * 100) / total) : 100;
            if (percents.current.get(key) === percent) return;
            percents.current.set(key, percent);
            patch(key, { percent });
          },
          onSuccess: () => {
            patch(key, { status: "uploaded", percent: 100, uploadId: uploadIdFrom(created.url), message: null });
            setAnnouncement(`${file.name} uploaded`);
            finished(key);
          },
          onError: (error) => {
            const failure = describeFailure(error, maxUploadBytes, mode);
            if (failure.status === "refused") void forgetResumableUpload(created);
            patch(key, { status: failure.status, message: failure.message });
            setAnnouncement(`${file.name} ${failure.status}: ${failure.message}`);
            finished(key);
          },
        });
        upload = created;
        uploads.current.set(key, created);
        const previous = await created.findPreviousUploads();
        const latest = previous.sort((a, b) => Date.parse(a.creationTime) - Date.parse(b.creationTime)).at(-1);
        if (latest) {
          created.resumeFromPreviousUpload(latest);
          setUnfinished((names) => names.filter((name) => name !== file.name));
        }
      }
      if (files.current.has(key)) upload.start();
    } catch {
      patch(key, { status: "failed", message: "the upload could not start" });
      finished(key);
    }
  }

  function addFiles(list: FileList | null) {
    if (!list || list.length === 0) return;
    // The same file twice would be two uploads fighting over one resumable upload on the server.
    const listed = new Set(rows.filter((row) => row.status !== "refused").map((row) => fingerprintFor(scope, row.file)));
    const chosen = Array.from(list)
      .filter((file) => !listed.has(fingerprintFor(scope, file)))
      .slice(0, single ? 1 : undefined);
    if (chosen.length < list.length) setAnnouncement("Files already in the list were not added again.");
    const added: FileRow[] = chosen.map((file) => {
      nextKey.current += 1;
      const key = `f${nextKey.current}`;
      files.current.set(key, file);
      if (file.size > maxUploadBytes) {
        return { key, file, status: "refused", percent: 0, uploadId: null, message: `the file is ${formatFileSize(file.size)}, larger than the ${formatFileSize(maxUploadBytes)} limit`, removing: false };
      }
      if (brief && !BRIEF_EXTENSIONS.test(file.name)) {
        return { key, file, status: "refused", percent: 0, uploadId: null, message: "a brief must be a PDF or Word (DOCX) document, with a name ending in .pdf or .docx", removing: false };
      }
      queue.current.push(key);
      return { key, file, status: "waiting", percent: 0, uploadId: null, message: null, removing: false };
    });
    setRows((current) => [...current, ...added]);
    if (fileInput.current) fileInput.current.value = "";
    pump();
  }

  function retry(row: FileRow) {
    patch(row.key, { status: "waiting", message: null });
    queue.current.push(row.key);
    pump();
  }

  function forget(key: string) {
    files.current.delete(key);
    uploads.current.delete(key);
    percents.current.delete(key);
    queue.current = queue.current.filter((queued) => queued !== key);
    setRows((current) => current.filter((row) => row.key !== key));
  }

  async function remove(row: FileRow) {
    if (row.status === "uploaded" && row.uploadId) {
      patch(row.key, { removing: true });
      const formData = new FormData();
      formData.set("caseId", caseId);
      if (mode.kind === "amicus_brief") formData.set("applicationId", mode.applicationId);
      formData.set("uploadId", row.uploadId);
      const result = await removeAction(null, formData);
      if (result && !result.ok) {
        patch(row.key, { removing: false, status: "failed", message: `it could not be removed: ${result.message}` });
        return;
      }
    } else {
      const upload = uploads.current.get(row.key);
      // Terminating asks the server to drop the partial file; if that fails, its sweep will.
      if (upload) await upload.abort(true).catch(() => {});
    }
    active.current.delete(row.key);
    forget(row.key);
    setAnnouncement(`${row.file.name} removed`);
    pump();
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  if (!inBrowser) return null;
  if (unsupported) {
    return <div className="govuk-inset-text">Your browser cannot upload files here. Use an up-to-date version of Chrome, Edge, Firefox or Safari.</div>;
  }

  const errors = state && !state.ok ? state.fieldErrors : {};
  const rowByKey = new Map(rows.map((row) => [row.key, row]));
  const rowOf = (field: string) => rowByKey.get(field.slice(field.indexOf("-") + 1));
  const perRow = (field: string) => /^(title|description|file)-/.test(field);
  // Summary links name the file each problem is about; errors about files since removed are dropped.
  const summaryErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([field]) => !perRow(field) || rowOf(field))
      .map(([field, message]) => [field, perRow(field) ? `${shownName(rowOf(field)!.file.name)}: ${message}` : message]),
  );
  const fieldOrder = ["evidence-files", ...rows.flatMap((row) => [`file-${row.key}`, `title-${row.key}`, `description-${row.key}`]), "confidentiality", "_form"];
  const inProgress = rows.some((row) => row.status === "waiting" || row.status === "uploading");
  const uploaded = rows.filter((row) => row.status === "uploaded");
  const showPicker = !single || rows.length === 0;
  const restrictedMeaning = filerIsRegulator ? "the regulator only" : CONFIDENTIALITY_MEANING.restricted;

  return (
    <>
      <div ref={summary}>
        {state && !state.ok ? <ErrorSummary fieldErrors={Object.keys(summaryErrors).length ? summaryErrors : { _form: state.message }} fieldOrder={fieldOrder} /> : null}
      </div>
      <p className="govuk-visually-hidden" aria-live="polite" role="status">
        {announcement}
      </p>
      {unfinished.length > 0 ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">Some uploads did not finish: {unfinished.map(shownName).join(", ")}.</p>
          <p className="govuk-body">Choose the same files again to continue from where they stopped.</p>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <input type="hidden" name="caseId" value={caseId} />
        {mode.kind === "amicus_brief" ? <input type="hidden" name="applicationId" value={mode.applicationId} /> : null}
        {replacement ? <input type="hidden" name={replacement.kind === "supersedes" ? "supersedesId" : "nonConfidentialVersionOfId"} value={replacement.evidenceId} /> : null}
        {showPicker ? (
          <div className={`govuk-form-group${errors["evidence-files"] ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--m" htmlFor="evidence-files">
              {brief ? "Upload your brief" : single ? "Upload a file" : "Upload files"}
            </label>
            <div id="evidence-files-hint" className="govuk-hint">
              {brief ? (
                <>Upload one PDF or Word (DOCX) document of up to {formatFileSize(maxUploadBytes)}.</>
              ) : (
                <>
                  {single ? "" : "You can choose several files at once. "}Each file can be up to {formatFileSize(maxUploadBytes)}. You can file PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), OpenDocument text (ODT), plain text,
                  CSV, JSON, PNG, JPEG, ZIP and .safetensors files.
                </>
              )}
            </div>
            {errors["evidence-files"] ? (
              <p id="evidence-files-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {errors["evidence-files"]}
              </p>
            ) : null}
            {/* No name: the bytes go by tus, never in the form post. */}
            <input
              ref={fileInput}
              className={`govuk-file-upload${errors["evidence-files"] ? " govuk-file-upload--error" : ""}`}
              id="evidence-files"
              type="file"
              multiple={!single}
              accept={brief ? BRIEF_ACCEPT : undefined}
              aria-describedby={errors["evidence-files"] ? "evidence-files-hint evidence-files-error" : "evidence-files-hint"}
              onChange={(event) => addFiles(event.currentTarget.files)}
            />
          </div>
        ) : null}

        {rows.length > 0 ? (
          <>
            <h2 className="govuk-heading-m">{brief ? "Your brief" : single ? "Your file" : "Your files"}</h2>
            <ul className="govuk-list app-upload-list">
              {rows.map((row) => (
                <FileRowView key={row.key} row={row} errors={errors} describe={!brief} onRetry={() => retry(row)} onRemove={() => void remove(row)} />
              ))}
            </ul>
          </>
        ) : null}

        {uploaded.map((row) => (
          <Fragment key={row.key}>
            <input type="hidden" name="item" value={row.key} />
            <input type="hidden" name={`uploadId-${row.key}`} value={row.uploadId ?? ""} />
          </Fragment>
        ))}

        {brief ? (
          <div className="govuk-inset-text">Your brief and your disclosure statement will be published on the public register, where anyone can read them.</div>
        ) : replacement?.kind === "nonConfidentialVersionOf" ? (
          <>
            <input type="hidden" name="confidentiality" value="public" />
            <div className="govuk-inset-text">This version will be public: anyone can see it once the case is on the public register.</div>
          </>
        ) : (
          <>
            <RadioGroup
              name="confidentiality"
              legend="Who may see these files?"
              small={false}
              value={defaultConfidentiality ?? undefined}
              error={errors.confidentiality}
              options={[
                ["public", `Public: ${CONFIDENTIALITY_MEANING.public}`],
                ["parties", `Parties: ${CONFIDENTIALITY_MEANING.parties}`],
                ["restricted", `Restricted: ${restrictedMeaning}`],
              ]}
            />
            {filerIsRegulator ? null : (
              <p className="govuk-body">If you choose Parties or Restricted, you must also file a non-confidential version of each file, which anyone may see, within 7 days.</p>
            )}
          </>
        )}

        {inProgress ? <p className="govuk-body">{brief ? "You can file your brief when it has finished uploading." : "You can submit when every file has finished uploading."}</p> : null}
        {!brief && rows.some((row) => row.status === "refused" || row.status === "failed") ? <p className="govuk-body">Only files that have uploaded will be submitted.</p> : null}
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={inProgress || submitting} aria-disabled={inProgress || submitting}>
          {brief ? "File brief" : "Submit evidence"}
        </button>
      </form>
    </>
  );
}

/** Names are shown, never trusted: hidden characters (a right-to-left override, say) show as codes. */
const shownName = (name: string) => revealHiddenCharacters(name);

function FileRowView({ row, errors, describe, onRetry, onRemove }: { row: FileRow; errors: Record<string, string>; describe: boolean; onRetry: () => void; onRemove: () => void }) {
  const name = shownName(row.file.name);
  const fileError = errors[`file-${row.key}`];
  const bad = row.status === "refused" || row.status === "failed";
  return (
    <li className="app-upload-list__item">
      <div className={`govuk-form-group${fileError || bad ? " govuk-form-group--error" : ""}`} id={`file-${row.key}`} tabIndex={-1}>
        <h3 className="govuk-heading-s govuk-!-margin-bottom-1 app-break-anywhere">{name}</h3>
        <p className="govuk-body-s govuk-!-margin-bottom-2">{formatFileSize(row.file.size)}</p>
        {fileError ? (
          <p className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {fileError}
          </p>
        ) : null}
        {row.status === "refused" ? null : <progress className="app-upload-progress" max={100} value={row.percent} aria-label={`Upload progress for ${name}`} />}
        <p className={bad ? "govuk-error-message app-break-anywhere" : "govuk-body app-break-anywhere"}>{statusText(row)}</p>
        <div className="govuk-button-group">
          {row.status === "failed" ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={onRetry}>
              Retry<span className="govuk-visually-hidden"> {name}</span>
            </button>
          ) : null}
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onRemove} disabled={row.removing} aria-disabled={row.removing}>
            Remove<span className="govuk-visually-hidden"> {name}</span>
          </button>
        </div>
      </div>
      {row.status === "refused" || !describe ? null : (
        <>
          <TextInput name={`title-${row.key}`} label={`Title for ${name}`} error={errors[`title-${row.key}`]} widthClass="govuk-!-width-three-quarters" />
          <Textarea name={`description-${row.key}`} label={`Description for ${name} (optional)`} rows={3} error={errors[`description-${row.key}`]} />
        </>
      )}
    </li>
  );
}
