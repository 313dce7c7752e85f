/**
 * A large, realistic, fictional data set for load tests (`npm run seed:large`): invented firms and
 * people, cases in every state with parties, evidence, deadlines, clock events, notes and a valid
 * audit chain, indexed for search. It is a fixture, not a test, so it writes rows directly with
 * prepared statements in big transactions instead of calling the verbs one case at a time; the
 * values follow the verbs (the same exhibit numbering, deadline engine, audit hashing and search
 * text), so the app cannot tell these cases from ones made through it.
 */
import type Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { deflateSync, crc32 } from "node:zlib";
import type { Db } from "../client";
import { CASE_STATUSES, IP_RIGHTS, type CaseStatus, type Confidentiality, type FilingSide } from "../schema";
import { canonicalJson } from "@/domain/audit/canonical-json";
import { auditHash, GENESIS_HASH } from "@/domain/audit/chain";
import { SERVICE_METHODS } from "@/domain/cases/accept-complaint";
import { addDays } from "@/domain/deadlines/calendar-date";
import { clockStateFromEvents, computeDueFromEvents } from "@/domain/deadlines/clock";
import { holidaysInForce } from "@/domain/deadlines/holiday-store";
import type { HolidayData } from "@/domain/deadlines/holidays";
import { londonDateOf } from "@/domain/deadlines/london-date";
import { EXHIBIT_PREFIX } from "@/domain/evidence/filing-side";
import { nonConfidentialDeadlineLabel } from "@/domain/evidence/evidence-rules";
import { LocalBlobStore } from "@/domain/evidence/local-blob-store";
import { TECHNOLOGY_TAG_OPTIONS } from "@/domain/complaints/questions";
import { DEMO_USERS, FLAGSHIP_CASE, OTHER_DEMO_CASES } from "./demo-data";
import { seedDemoData } from "./seed-demo";

export const SEED_LARGE_DEFAULT_CASES = 100_000;
export const SEED_LARGE_MAX_CASES = 1_000_000;
/** Generated accounts use these domains, which is also how a second run on the same database is spotted. */
export const LARGE_STAFF_EMAIL_DOMAIN = "staff.large.ipcasework.test";
export const LARGE_PARTY_EMAIL_DOMAIN = "parties.large.ipcasework.test";
/** The demo data holds this many cases (its complaints plus one draft). */
const DEMO_CASE_COUNT = [FLAGSHIP_CASE, ...OTHER_DEMO_CASES].length + 1;

export const SEED_LARGE_USAGE = `Usage: npm run seed:large -- [--cases N] [--seed S] [--now ISO-INSTANT] [--force]

  --cases N   cases to generate (default ${SEED_LARGE_DEFAULT_CASES.toLocaleString("en-GB")}, at most ${SEED_LARGE_MAX_CASES.toLocaleString("en-GB")})
  --seed S    seed for the generator: the same seed, --now and database give the same data (default 1)
  --now T     the moment the data set is "as of" (default: the current time)
  --force     add to a database that holds more than the demo data

Writes to DATA_DIR/app.db (default ./data), migrating it and seeding the demo data first.`;

export interface SeedLargeArgs {
  cases: number;
  seed: number;
  now: Date | null;
  force: boolean;
}

/** Reads the command line; throws an Error whose message says what to fix. */
export function parseSeedLargeArgs(argv: readonly string[]): SeedLargeArgs {
  const args: SeedLargeArgs = { cases: SEED_LARGE_DEFAULT_CASES, seed: 1, now: null, force: false };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes("=") ? [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)] : [flag, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new Error(`Give a value after ${name}`);
      return v;
    };
    switch (name) {
      case "--cases": {
        const text = value().replace(/[_,]/g, "");
        const n = Number(text);
        if (!/^\d+$/.test(text) || n < 1 || n > SEED_LARGE_MAX_CASES) throw new Error(`--cases must be a whole number from 1 to ${SEED_LARGE_MAX_CASES.toLocaleString("en-GB")}`);
        args.cases = n;
        break;
      }
      case "--seed": {
        const text = value();
        if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) throw new Error("--seed must be a whole number from 0 to 4294967295");
        args.seed = Number(text);
        break;
      }
      case "--now": {
        const text = value();
        const at = new Date(text);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at.getTime())) throw new Error("--now must be an ISO instant, for example 2026-11-22T10:00:00Z");
        args.now = at;
        break;
      }
      case "--force":
        args.force = true;
        break;
      default:
        throw new Error(`Unknown option ${flag}`);
    }
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for fixtures, and the same seed gives the same stream. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes two numbers into one 32-bit seed, so each case gets its own stream from (seed, index). */
function mixSeed(a: number, b: number): number {
  let h = Math.imul((a >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((b >>> 0) + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor((hi - lo + 1) * this.next());
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly T[], weights: readonly number[], total: number): T {
    let r = this.next() * total;
    for (let i = 0; i < items.length; i += 1) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }
  uint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, "0");

/**
 * UUIDv7-shaped ids: a 48-bit prefix that counts up from the run's start, then seeded random
 * bits. Counting up makes every primary-key and case-id index an append; random v4 ids scatter
 * the inserts over the whole index and make a million-case run several times slower.
 */
class IdSource {
  private readonly rng: Rng;
  private counter: number;
  constructor(seed: number, startMs: number) {
    this.rng = new Rng(seed);
    this.counter = startMs;
  }
  next(): string {
    const prefix = (this.counter++).toString(16).padStart(12, "0");
    const b = hex8(this.rng.uint32());
    const c = hex8(this.rng.uint32());
    const d = this.rng.uint32();
    const variant = ((d & 0x3) | 0x8).toString(16);
    return `${prefix.slice(0, 8)}-${prefix.slice(8, 12)}-7${b.slice(0, 3)}-${variant}${b.slice(3, 6)}-${b.slice(6, 8)}${c}${hex8(d).slice(0, 2)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Word lists. Every organisation, person and product here is invented.

const COMPANY_STEMS = [
  "Brindlemoor", "Corriewell", "Dunmarrow", "Elderquay", "Fallowmere", "Gorsefield", "Hollinshed", "Ivyreach", "Kestrelby", "Lowenthorpe",
  "Marlpit", "Nettlecombe", "Orrisdale", "Pennywhistle", "Quernstone", "Rookhallow", "Saltmarrow", "Thistlegate", "Umberlea", "Vennacott",
  "Wrenfold", "Yarrowby", "Zennorby", "Ashgrindle", "Bracketfell", "Cindervale", "Duskmere", "Emberwick", "Fernhollow", "Glimmerby",
  "Harebell", "Inchcarra", "Jessamine", "Kittiwake", "Lindengrove", "Mosswick", "Norrowby", "Oxlip", "Pipistrelle", "Quillcott",
];
const COMPANY_KINDS = ["Labs", "Analytics", "Robotics", "Systems", "Data Works", "Genomics", "Vision", "Audio", "Intelligence", "Compute", "Semantics", "Dynamics", "Signal", "Research", "Machines"];
const COUNTRY_SUFFIXES: [string, string][] = [
  ["GB", "Ltd"], ["GB", "Ltd"], ["GB", "Ltd"], ["GB", "plc"], ["GB", "Ltd"], ["DE", "GmbH"], ["FR", "SAS"], ["US", "Inc"], ["US", "Inc"], ["NL", "BV"], ["SG", "Pte Ltd"], ["IE", "DAC"], ["SE", "AB"], ["JP", "KK"],
];
const FIRM_NAMES = [
  "Achterly", "Brightholme", "Carrowmore", "Dunstaffe", "Elmsworth", "Farquay", "Gaddesby", "Hathersage", "Inglethorpe", "Jardyne", "Kilbride", "Lathom", "Mottram", "Naseby", "Oakenshaw",
  "Pendlebury", "Quenby", "Rastrick", "Stainforth", "Tregothnan", "Ulverscroft", "Vosper", "Whitmore-Lisle", "Yelverton", "Abbotsley", "Barrowclough", "Cressingham", "Dymchurch", "Eskdaleside", "Fothergill",
];
const FIRST_NAMES = [
  "Amara", "Bastian", "Cerys", "Dominic", "Efua", "Fergus", "Greta", "Hamish", "Imogen", "Jonah", "Keziah", "Lorcan", "Maren", "Nikhil", "Orla", "Piers", "Rhiannon", "Soren", "Tamsin", "Umar",
  "Vesna", "Wilf", "Yara", "Zubin", "Anouk", "Bram", "Cosima", "Declan", "Esme", "Florin", "Gwen", "Idris", "Juno", "Kasimir", "Leonie", "Matteo", "Niamh", "Oskar", "Priya", "Rafe",
];
const LAST_NAMES = [
  "Abernant", "Blackthorne", "Carrick", "Dervish", "Elphick", "Fairweather", "Gillow", "Hesketh", "Iremonger", "Jolliffe", "Kershaw", "Lamplugh", "Maddox", "Nunnerley", "Ormerod", "Penhaligon", "Quarrie", "Rudd", "Sowerby", "Tolley",
  "Umfreville", "Varley", "Wetherall", "Yeadon", "Adebayo", "Bhattacharya", "Castellanos", "Dragomir", "Ekwueme", "Fitzalan", "Grimaldi", "Haugland", "Ishikawa", "Jankowski", "Kowalczyk", "Lindqvist", "Mbeki-Rowe", "Nakashima", "Okonkwo", "Petrakis",
];
const TEAMS = ["AI and software", "Life sciences", "Media and content", "Hardware and devices"];

/** Title words are chosen so searches for "attention", "tokeniser", "reward model" or "weights" find cases. */
const ASSETS = [
  "attention-head configuration", "tokeniser vocabulary", "reward model", "model weights", "training corpus", "preference data", "safety framework", "inference kernels",
  "retrieval index", "speech-synthesis voices", "motion-planning source code", "image-segmentation architecture", "protein-folding weights", "evaluation benchmark",
  "distillation pipeline", "quantisation scheme", "mixture-of-experts router", "embedding model", "data-cleaning scripts", "compiler optimisation passes",
];
const PRODUCTS = ["Orrin", "Velloq", "Tamsk", "Brisel", "Kaldor", "Nimmet", "Ostrel", "Pellin", "Quorra", "Sarnic", "Teglo", "Umbrix"];
const SYSTEMS = ["language model", "code assistant", "vision model", "speech model", "recommendation engine", "robotics SDK", "search service", "chat assistant"];
const TITLE_TEMPLATES: ((asset: string, product: string, system: string) => string)[] = [
  (a, p, s) => `Alleged copying of ${a} in the ${p} ${s}`,
  (a, p, s) => `${capitalise(a)} reproduced in a rival's ${p} ${s}`,
  (a, _p, s) => `Misuse of confidential ${a} by a former contractor in a ${s}`,
  (a, p, _s) => `Unlicensed use of ${a} to train ${p}`,
  (a, p, s) => `${capitalise(a)} disclosed in a preprint describing the ${p} ${s}`,
];
const HOW = [
  "a former research engineer took the material when changing employer",
  "the material was copied from a private repository shared under a non-disclosure agreement",
  "the material was scraped from a licensed portal in breach of its terms",
  "a contractor reused the material after the engagement ended",
  "the material matches unpublished internal documents line for line",
];
const EVIDENCE_TITLES = [
  "Witness statement of the lead research engineer", "Side-by-side comparison of model behaviour", "Extract from training logs", "Git history export", "Licence agreement",
  "Employment contract and exit records", "Expert report on model weights", "Screenshots of the published model card", "Benchmark results", "Correspondence between the parties",
  "Board minutes", "Source-code similarity analysis", "Data-room access log", "Technical description of the attention mechanism", "Reward model training configuration",
  "Tokeniser vocabulary comparison", "Response to the complaint", "Regulator's file note", "Chronology of events", "Statement of truth",
];
const EVIDENCE_SLUGS = EVIDENCE_TITLES.map((t) => t.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""));
const EVIDENCE_DESCRIPTIONS = [
  "Filed in support of the complaint.",
  "Shows the similarity the filer relies on.",
  "Contemporaneous record, produced in full.",
  "Redacted where it names third parties.",
  "Prepared for these proceedings.",
];
const NOTE_BODIES = [
  "Spoke to the complainant's solicitor; they expect to file the expert report within two weeks.",
  "Checked the exhibits against the index: numbering is consistent.",
  "The respondent's representatives asked for an extension informally; told them to apply in writing.",
  "Possible overlap with an earlier complaint about the same model. Cross-check before deciding.",
  "Technical adviser reviewed the comparison and thinks the similarity is significant.",
  "Public interest in this case is high; keep the register summary up to date.",
  "Confidentiality claims look broad. Consider asking for non-confidential versions.",
];
const INFO_QUESTIONS = [
  "Please provide the dates on which the material was first shared with the respondent, and with whom.",
  "Please explain how the attached comparison was produced and by whom.",
  "Please confirm whether the material was ever published, and if so where.",
  "Please provide a copy of the licence or agreement you rely on.",
];
const INFO_ANSWERS = ["The requested documents are attached as further exhibits.", "We confirm the material was never published; details below.", "The comparison was prepared by our expert; her report is attached."];
const REJECTION_REASONS = ["The complaint does not identify the intellectual property said to be infringed.", "The matter is already before the courts.", "The complaint concerns a contract dispute outside the regulator's remit."];
const WITHDRAWAL_REASONS = ["The parties have settled.", "The complainant will pursue the matter in court instead.", "The complainant no longer wishes to proceed."];
const DECISION_REASONS = {
  case_to_answer: "The material filed shows a real prospect that confidential information was used without consent.",
  no_case_to_answer: "The similarities shown are explained by public sources; there is no case to answer.",
} as const;
const ACCEPT_REASONS = "The complaint is complete and within the regulator's remit.";
const REVIEW_REJECT_REASONS = "The document is illegible and cannot be relied on.";
const EVIDENCE_WITHDRAWAL_REASONS = "Filed in error.";
const CONFLICT_DETAILS = "I advised one of the parties in a previous role.";

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// ---------------------------------------------------------------------------------------------
// Blobs: a few small real files that every evidence row points at, so downloads work.

interface SeedBlob {
  sha256: string;
  sizeBytes: number;
  contentType: string;
  extension: string;
}

function pdfWith(lines: string[]): Buffer {
  const text = lines.map((line, i) => `BT /F1 12 Tf 72 ${770 - i * 18} Td (${line.replace(/[()\\]/g, (c) => `\\${c}`)}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(text, "latin1")} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0, 0);
  return Buffer.concat([length, body, crc]);
}

/** A small greyscale gradient, different for each shade. */
function pngWith(shade: number): Buffer {
  const size = 16;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 0;
  const rows = Buffer.alloc(size * (size + 1));
  for (let y = 0; y < size; y += 1) for (let x = 0; x < size; x += 1) rows[y * (size + 1) + 1 + x] = (shade + x * 8 + y * 4) & 0xff;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk("IHDR", header), pngChunk("IDAT", deflateSync(rows)), pngChunk("IEND", Buffer.alloc(0))]);
}

function seedBlobContents(): { bytes: Buffer; contentType: string; extension: string }[] {
  const files: { bytes: Buffer; contentType: string; extension: string }[] = [];
  for (let i = 0; i < 10; i += 1) {
    files.push({
      bytes: pdfWith([`Fictional exhibit bundle ${i + 1} (load-test data)`, `Subject: ${ASSETS[i % ASSETS.length]}`, "Every name in this document is invented."]),
      contentType: "application/pdf",
      extension: "pdf",
    });
  }
  for (let i = 0; i < 4; i += 1) {
    files.push({ bytes: Buffer.from(`Witness statement ${i + 1} (fictional, load-test data).\n\nI describe the ${ASSETS[i + 10]} as I saw it.\n`, "utf8"), contentType: "text/plain; charset=utf-8", extension: "txt" });
  }
  for (let i = 0; i < 3; i += 1) {
    const rows = Array.from({ length: 5 + i }, (_, r) => `${r + 1},checkpoint-${r * 100},${(0.5 + r / 20 + i / 100).toFixed(3)}`);
    files.push({ bytes: Buffer.from(`step,checkpoint,similarity\n${rows.join("\n")}\n`, "utf8"), contentType: "text/csv; charset=utf-8", extension: "csv" });
  }
  for (let i = 0; i < 2; i += 1) {
    files.push({ bytes: Buffer.from(`${JSON.stringify({ model: `${PRODUCTS[i]}-${i + 3}`, heads: 16 + i * 8, layers: 24 + i, note: "fictional load-test data" }, null, 2)}\n`, "utf8"), contentType: "application/json", extension: "json" });
  }
  files.push({ bytes: pngWith(40), contentType: "image/png", extension: "png" });
  return files;
}

/** Writes the shared files into the blob store (a no-op for any already there) and returns their hashes. */
export async function prepareSeedBlobs(blobsRoot: string): Promise<SeedBlob[]> {
  const store = new LocalBlobStore(blobsRoot);
  fs.mkdirSync(blobsRoot, { recursive: true });
  // Beside the blob folder, so the store can rename each file into place rather than copy it.
  const staging = fs.mkdtempSync(path.join(path.dirname(blobsRoot), ".seed-large-"));
  try {
    const blobs: SeedBlob[] = [];
    for (const [i, file] of seedBlobContents().entries()) {
      const source = path.join(staging, `file-${i}`);
      fs.writeFileSync(source, file.bytes);
      const { sha256, sizeBytes } = await store.putFile(source);
      blobs.push({ sha256, sizeBytes, contentType: file.contentType, extension: file.extension });
    }
    return blobs;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The life of one case, as instants. Worked out first for every case (cheaply, from its own
// seeded stream) so cases can be written oldest first and references numbered in order.

const DAY_MS = 24 * 60 * 60 * 1000;
/** Complaints arrived over this many days before "now". */
const HISTORY_DAYS = 1095;

const STAGES = [
  "draft", "submitted", "in_triage", "awaiting_information", "assessment", "investigation", "decided", "closed_rejected", "closed_no_case", "closed_final", "withdrawn",
] as const;
type Stage = (typeof STAGES)[number];
/** Per thousand cases: most complaints are long finished; a steady stream is open at each step. */
const STAGE_WEIGHTS = [10, 25, 35, 15, 50, 80, 40, 200, 170, 295, 80];
const STAGE_WEIGHT_TOTAL = STAGE_WEIGHTS.reduce((a, b) => a + b, 0);
const STATUS_OF: Record<Stage, CaseStatus> = {
  draft: "draft",
  submitted: "submitted",
  in_triage: "in_triage",
  awaiting_information: "awaiting_information",
  assessment: "assessment",
  investigation: "investigation",
  decided: "decided",
  closed_rejected: "closed",
  closed_no_case: "closed",
  closed_final: "closed",
  withdrawn: "withdrawn",
};

interface InfoRequestPlan {
  sentMs: number;
  answeredMs: number | null;
}

interface CasePlan {
  stage: Stage;
  status: CaseStatus;
  createdMs: number;
  /** Submission instant; for a draft, when it was started. */
  receivedMs: number;
  assignMs: number | null;
  triageMs: number | null;
  triageInfo: InfoRequestPlan | null;
  acceptMs: number | null;
  rejectMs: number | null;
  assessInfo: InfoRequestPlan | null;
  /** An approved proposal on decided cases; a pending one on some cases in assessment. */
  proposalMs: number | null;
  decisionMs: number | null;
  decision: "case_to_answer" | "no_case_to_answer" | null;
  finalMs: number | null;
  closeMs: number | null;
  withdrawMs: number | null;
  /** The status a withdrawn case left. */
  withdrawnFrom: CaseStatus | null;
  publishMs: number | null;
  /** Nothing happens on the case after this: its closure or withdrawal, or now. */
  endMs: number;
}

/** Every stage once for the first cases (so even a small set has every status), then by weight. */
function stageFor(index: number, rng: Rng): Stage {
  const random = rng.weighted(STAGES, STAGE_WEIGHTS, STAGE_WEIGHT_TOTAL);
  return index < STAGES.length ? STAGES[index]! : random;
}

function planCase(rng: Rng, stage: Stage, nowMs: number): CasePlan {
  const days = (lo: number, hi: number) => rng.between(lo, hi) * DAY_MS;
  const plan: CasePlan = {
    stage, status: STATUS_OF[stage], createdMs: 0, receivedMs: 0, assignMs: null, triageMs: null, triageInfo: null, acceptMs: null, rejectMs: null, assessInfo: null,
    proposalMs: null, decisionMs: null, decision: null, finalMs: null, closeMs: null, withdrawMs: null, withdrawnFrom: null, publishMs: null, endMs: nowMs,
  };
  if (stage === "draft") {
    plan.createdMs = plan.receivedMs = Math.floor(nowMs - days(0, 90));
    return plan;
  }
  // Offsets from the moment of submission; shifted onto the calendar at the end.
  const withdrawnFrom: CaseStatus | null = stage === "withdrawn" ? rng.weighted<CaseStatus>(["submitted", "in_triage", "assessment", "investigation"], [20, 30, 35, 15], 100) : null;
  const reached = withdrawnFrom ?? STATUS_OF[stage];
  const pastTriage = reached !== "submitted";
  const accepted = reached === "assessment" || reached === "investigation" || reached === "decided" || stage === "closed_no_case" || stage === "closed_final";
  const decided = stage === "investigation" || stage === "decided" || stage === "closed_no_case" || stage === "closed_final" || withdrawnFrom === "investigation";
  let t = 0;
  let slack: number;
  let triage: number | null = null;
  let assign: number | null = null;
  const off: Partial<Record<"accept" | "reject" | "proposal" | "decision" | "final" | "close" | "withdraw" | "publish", number>> = {};
  let triageInfo: InfoRequestPlan | null = null;
  let assessInfo: InfoRequestPlan | null = null;

  if (pastTriage) {
    triage = t = days(0.05, 3);
    if (stage !== "in_triage" || rng.chance(0.9)) assign = triage * rng.between(0.2, 0.95);
  }
  if (stage === "awaiting_information") {
    triageInfo = { sentMs: (t += days(1, 6)), answeredMs: null };
  } else if ((accepted || stage === "closed_rejected") && rng.chance(0.3)) {
    const sent = t + days(1, 6);
    t = sent + days(1, 13);
    triageInfo = { sentMs: sent, answeredMs: t };
  }
  if (stage === "closed_rejected") off.reject = off.close = t += days(1, 14);
  if (accepted) off.accept = t += days(0.5, 10);

  // The case-to-answer period: decided, still running, or cut short by withdrawal.
  let assessmentSpan = 0;
  if (decided) assessmentSpan = rng.chance(0.9) ? days(18, 44) : days(45, 62);
  // An open case is usually inside its 45 days; a few have run past them (the dashboard's overdue figure).
  else if (reached === "assessment") assessmentSpan = withdrawnFrom ? days(2, 40) : rng.chance(0.92) ? days(0, 45) : days(45, 58);
  if (accepted && assessmentSpan > 6 * DAY_MS && rng.chance(0.3)) {
    const sent = off.accept! + days(2, assessmentSpan / DAY_MS - 2);
    const room = off.accept! + assessmentSpan - sent;
    const answered = decided || rng.chance(0.6) ? sent + Math.min(days(1, 12), room * 0.9) : null;
    assessInfo = { sentMs: sent, answeredMs: answered };
  }
  if (decided) {
    off.decision = t = off.accept! + assessmentSpan;
    off.proposal = off.decision - days(0.2, 4);
    if (stage === "closed_no_case") off.close = t;
    if (stage === "decided" || stage === "closed_final") off.final = t += days(60, 400);
    if (stage === "closed_final") off.close = t += days(7, 90);
  } else if (reached === "assessment" && !withdrawnFrom && assessmentSpan > 20 * DAY_MS && assessInfo?.answeredMs !== null && rng.chance(0.3)) {
    off.proposal = off.accept! + days(15, assessmentSpan / DAY_MS);
  }

  if (withdrawnFrom) {
    if (withdrawnFrom === "submitted") t = days(0.5, 10);
    else if (withdrawnFrom === "in_triage") t += days(1, 20);
    else if (withdrawnFrom === "assessment") t = off.accept! + assessmentSpan;
    else t += days(10, 300);
    off.withdraw = t;
    slack = days(0, 1000);
  } else if (stage === "assessment") {
    slack = off.accept! - t + assessmentSpan; // now is `assessmentSpan` after acceptance
  } else if (stage === "submitted") {
    slack = days(0, 10);
    if (rng.chance(0.25)) assign = slack * rng.next();
  } else if (stage === "in_triage") slack = days(0, 20);
  else if (stage === "awaiting_information") slack = days(0, 16);
  else if (stage === "investigation") slack = days(0, 700);
  else if (stage === "decided") slack = days(0, 500);
  else slack = days(0, 1000);

  // Keep every complaint inside the history window (shortening the quiet time since the last event).
  if (t + slack > HISTORY_DAYS * DAY_MS) slack = Math.max(0, HISTORY_DAYS * DAY_MS - t);
  const received = Math.floor(nowMs - t - slack);
  const at = (offset: number | undefined | null) => (offset === undefined || offset === null ? null : Math.floor(received + offset));

  // About one case in ten is on the public register: published soon after acceptance, while open.
  if (off.accept !== undefined && rng.chance(0.15)) {
    const publish = off.accept + days(0.2, 3);
    const stillOpen = off.withdraw === undefined || publish < off.withdraw;
    if (stillOpen && publish <= t + slack) off.publish = publish;
  }

  plan.receivedMs = received;
  plan.createdMs = Math.floor(received - days(0.05, 10));
  plan.assignMs = at(assign);
  plan.triageMs = at(triage);
  plan.triageInfo = triageInfo && { sentMs: at(triageInfo.sentMs)!, answeredMs: at(triageInfo.answeredMs) };
  plan.assessInfo = assessInfo && { sentMs: at(assessInfo.sentMs)!, answeredMs: at(assessInfo.answeredMs) };
  plan.acceptMs = at(off.accept);
  plan.rejectMs = at(off.reject);
  plan.proposalMs = at(off.proposal);
  plan.decisionMs = at(off.decision);
  plan.decision = decided ? (stage === "closed_no_case" ? "no_case_to_answer" : "case_to_answer") : null;
  plan.finalMs = at(off.final);
  plan.closeMs = at(off.close);
  plan.withdrawMs = at(off.withdraw);
  plan.withdrawnFrom = withdrawnFrom;
  plan.publishMs = at(off.publish);
  plan.endMs = plan.withdrawMs ?? plan.closeMs ?? nowMs;
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface SeedLargeOptions {
  cases: number;
  seed: number;
  now: Date;
  /** DATA_DIR/blobs: where the shared evidence files are written. */
  blobsRoot: string;
  /** Allow adding to a database that holds more than the demo data. */
  force?: boolean;
  /** Cases per transaction. */
  batchSize?: number;
  onProgress?: (progress: { done: number; total: number; elapsedMs: number }) => void;
}

export interface SeedLargeSummary {
  cases: number;
  byStatus: Record<CaseStatus, number>;
  rows: Record<string, number>;
  elapsedMs: number;
}

const SUMMARY_TABLES = [
  "organisations", "users", "cases", "case_parties", "evidence_submissions", "evidence", "deadlines", "clock_events", "case_notes",
  "information_requests", "conflict_declarations", "decision_proposals", "audit_events", "case_search",
] as const;

interface Person {
  id: string;
  name: string;
}
interface StaffMember extends Person {
  team: string;
  role: "caseworker" | "supervisor";
}
interface Organisation {
  id: string;
  name: string;
  /** Members who act for it: a firm's solicitors, or a company's in-house lawyer. */
  members: Person[];
}

interface PendingAudit {
  ms: number;
  order: number;
  actorId: string | null;
  action: string;
  subject: string | null;
  data: Record<string, unknown>;
}

interface DeadlineTerms {
  length: number;
  unit: "calendar" | "working";
  count: "after" | "beginning-with";
  calendar: "england-and-wales" | "scotland" | "northern-ireland" | "united-kingdom";
  roll: "none" | "next-working-day";
  name: string;
}

type ClockEventPlan = { kind: "stop" | "restart"; ms: number; reason: string };

const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => londonDateOf(new Date(ms));

/**
 * Generates the data set into `db`: demo data first (if absent), then organisations, people and
 * `options.cases` cases. Refuses a database that already holds a large data set, or (without
 * `force`) one with more than the demo data.
 */
export async function seedLargeData(db: Db, options: SeedLargeOptions): Promise<SeedLargeSummary> {
  const started = performance.now();
  if (!Number.isInteger(options.cases) || options.cases < 1 || options.cases > SEED_LARGE_MAX_CASES) throw new Error(`cases must be a whole number from 1 to ${SEED_LARGE_MAX_CASES}`);
  await seedDemoData(db, options.now);
  const sqlite = db.$client;
  const already = sqlite.prepare("SELECT 1 FROM users WHERE email LIKE ? LIMIT 1").get(`%@${LARGE_STAFF_EMAIL_DOMAIN}`);
  if (already) throw new Error("This database already holds a large data set. Use a fresh DATA_DIR (run `npm run db:migrate` on it first, or let this script migrate it).");
  const existingCases = (sqlite.prepare("SELECT count(*) AS n FROM cases").get() as { n: number }).n;
  if (existingCases > DEMO_CASE_COUNT && !options.force) {
    throw new Error(`This database holds ${existingCases} cases, more than the demo data. Use a fresh DATA_DIR, or pass --force to add the large data set anyway.`);
  }
  const blobs = await prepareSeedBlobs(options.blobsRoot);

  const restore = tunePragmas(sqlite);
  try {
    const seeder = new LargeSeeder(sqlite, db, options, blobs, mixSeed(options.seed, existingCases));
    seeder.seedPeople();
    seeder.seedCases(started);
  } finally {
    restore();
  }
  // Fresh statistics for the planner, and one merged search index instead of hundreds of segments.
  sqlite.exec("INSERT INTO case_search(case_search) VALUES ('optimize')");
  sqlite.pragma("analysis_limit = 2000");
  sqlite.exec("ANALYZE");
  sqlite.pragma("optimize");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");

  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const row of sqlite.prepare("SELECT status, count(*) AS n FROM cases GROUP BY status").all() as { status: CaseStatus; n: number }[]) byStatus[row.status] = row.n;
  const rows: Record<string, number> = {};
  for (const table of SUMMARY_TABLES) rows[table] = (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { cases: options.cases, byStatus, rows, elapsedMs: performance.now() - started };
}

/**
 * Durability is pointless while generating a fixture (a crash means starting again), and the
 * foreign keys are known good by construction (the test checks them), so both are relaxed for the
 * run and put back afterwards.
 */
function tunePragmas(sqlite: Database.Database): () => void {
  const previous = {
    synchronous: sqlite.pragma("synchronous", { simple: true }) as number,
    cacheSize: sqlite.pragma("cache_size", { simple: true }) as number,
    foreignKeys: sqlite.pragma("foreign_keys", { simple: true }) as number,
    tempStore: sqlite.pragma("temp_store", { simple: true }) as number,
  };
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -262144");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("temp_store = MEMORY");
  return () => {
    sqlite.pragma(`synchronous = ${previous.synchronous}`);
    sqlite.pragma(`cache_size = ${previous.cacheSize}`);
    sqlite.pragma(`foreign_keys = ${previous.foreignKeys}`);
    sqlite.pragma(`temp_store = ${previous.tempStore}`);
  };
}

class LargeSeeder {
  private readonly nowMs: number;
  private readonly today: string;
  private readonly ids: IdSource;
  private readonly peopleRng: Rng;
  private readonly holidays: HolidayData;
  private readonly rules = new Map<string, DeadlineTerms>();
  private readonly stmt: ReturnType<LargeSeeder["prepare"]>;
  private readonly pending: PendingAudit[] = [];
  private auditSeq = 0;
  private auditPrev = GENESIS_HASH;
  private readonly counters = new Map<number, number>();
  private passwordHash = "";
  private regulatorId = "";
  private companies: Organisation[] = [];
  private companiesWithMembers: Organisation[] = [];
  private firms: Organisation[] = [];
  private staff: StaffMember[] = [];
  private supervisorsByTeam = new Map<string, StaffMember[]>();

  constructor(
    private readonly sqlite: Database.Database,
    db: Db,
    private readonly options: SeedLargeOptions,
    private readonly blobs: SeedBlob[],
    idSeed: number,
  ) {
    this.nowMs = options.now.getTime();
    this.today = londonDateOf(options.now);
    this.ids = new IdSource(idSeed, this.nowMs);
    this.peopleRng = new Rng(mixSeed(options.seed, 0xfeed));
    this.holidays = holidaysInForce(db);
    for (const rule of sqlite.prepare("SELECT id, name, length, unit, count, calendar, roll FROM deadline_rules").all() as (DeadlineTerms & { id: string })[]) this.rules.set(rule.id, rule);
    this.stmt = this.prepare();
  }

  private prepare() {
    const s = this.sqlite;
    return {
      organisation: s.prepare("INSERT INTO organisations (id, name, kind, country, created_at) VALUES (?, ?, ?, ?, ?)"),
      user: s.prepare("INSERT INTO users (id, email, name, password_hash, role, team, email_verified_at, disabled_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)"),
      member: s.prepare("INSERT INTO organisation_members (organisation_id, user_id, joined_at) VALUES (?, ?, ?)"),
      caseRow: s.prepare(
        `INSERT INTO cases (id, reference, status, title, complaint, ip_rights, technology_tags, created_by, assigned_to, submitted_at, accepted_on, served_on, service_method,
          rejection_reasons, withdrawal_reasons, decision, decision_reasons, decided_at, closed_at, published_at, public_summary, amicus_window_closes_on, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      party: s.prepare("INSERT INTO case_parties (id, case_id, organisation_id, role, representative_organisation_id, added_at) VALUES (?, ?, ?, ?, ?, ?)"),
      search: s.prepare("INSERT INTO case_search (rowid, reference, parties, body) VALUES (?, ?, ?, ?)"),
      note: s.prepare("INSERT INTO case_notes (id, case_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)"),
      conflict: s.prepare("INSERT INTO conflict_declarations (id, case_id, user_id, has_conflict, details, declared_at) VALUES (?, ?, ?, ?, ?, ?)"),
      submission: s.prepare("INSERT INTO evidence_submissions (id, case_id, filing_side, filed_by, submitted_at) VALUES (?, ?, ?, ?, ?)"),
      evidence: s.prepare(
        `INSERT INTO evidence (id, case_id, filing_side, filed_by, submission_id, exhibit_number, title, description, original_filename, size_bytes, content_type, sha256,
          confidentiality, status, supersedes_id, non_confidential_version_of_id, received_at, review_reasons, reviewed_by, reviewed_at, withdrawal_reasons, withdrawn_by, withdrawn_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      deadline: s.prepare(
        `INSERT INTO deadlines (id, case_id, rule_id, label, subject_id, start_on, length, unit, count, calendar, roll, due_on, expires_at, holiday_data_version, status, completed_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      clockEvent: s.prepare("INSERT INTO clock_events (id, deadline_id, case_id, kind, effective_on, days, reason, actor_id, at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)"),
      infoRequest: s.prepare("INSERT INTO information_requests (id, case_id, questions, sent_on, deadline_id, sent_by, sent_at, response, responded_by, responded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      proposal: s.prepare("INSERT INTO decision_proposals (id, case_id, decision, reasons, status, proposed_by, proposed_at, reviewed_by, reviewed_at, review_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)"),
      counter: s.prepare("INSERT INTO reference_counters (scope, last_value) VALUES (?, ?)"),
      counterUpsert: s.prepare("INSERT INTO reference_counters (scope, last_value) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET last_value = max(last_value, excluded.last_value)"),
      counterRead: s.prepare("SELECT last_value AS v FROM reference_counters WHERE scope = ?").pluck(),
      audit: s.prepare("INSERT INTO audit_events (seq, at, actor_id, case_id, action, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      auditHead: s.prepare("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1"),
    };
  }

  // --- audit -----------------------------------------------------------------------------

  /** Re-read at the start of each transaction, so the chain stays whole even if something else wrote in between. */
  private readAuditHead(): void {
    const head = this.stmt.auditHead.get() as { seq: number; hash: string } | undefined;
    this.auditSeq = head?.seq ?? 0;
    this.auditPrev = head?.hash ?? GENESIS_HASH;
  }

  private audit(ms: number, actorId: string | null, action: string, subject: string | null, data: Record<string, unknown>): void {
    this.pending.push({ ms, order: this.pending.length, actorId, action, subject, data });
  }

  /** Appends the case's events in the order they happened, each linked to the one before as recordAudit links them. */
  private flushAudit(caseId: string | null): void {
    this.pending.sort((a, b) => a.ms - b.ms || a.order - b.order);
    for (const event of this.pending) {
      const row = { seq: ++this.auditSeq, at: iso(event.ms), actorId: event.actorId, caseId, action: event.action, subject: event.subject, data: canonicalJson(event.data) };
      const hash = auditHash(this.auditPrev, row);
      this.stmt.audit.run(row.seq, row.at, row.actorId, caseId, row.action, row.subject, row.data, this.auditPrev, hash);
      this.auditPrev = hash;
    }
    this.pending.length = 0;
  }

  // --- people ----------------------------------------------------------------------------

  private personName(rng: Rng): string {
    return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  }

  private addUser(rng: Rng, role: "caseworker" | "supervisor" | "party", team: string | null, domain: string, index: number, atMs: number): Person {
    const id = this.ids.next();
    const name = this.personName(rng);
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${index}@${domain}`;
    const at = iso(atMs);
    this.stmt.user.run(id, email, name, this.passwordHash, role, team, at, at, at);
    this.audit(atMs, null, "seed.user_created", `user:${id}`, { email, role });
    return { id, name };
  }

  /** About 200 organisations, 40 staff in four teams and 300 people acting for parties, reusing the demo's firms and accounts too. */
  seedPeople(): void {
    const rng = this.peopleRng;
    const s = this.sqlite;
    const demoStaffEmail = DEMO_USERS[0].email;
    this.passwordHash = (s.prepare("SELECT password_hash FROM users WHERE email = ?").pluck().get(demoStaffEmail) as string | undefined) ?? "";
    this.regulatorId = s.prepare("SELECT organisation_id FROM organisation_members m JOIN users u ON u.id = m.user_id WHERE u.email = ?").pluck().get(demoStaffEmail) as string;
    const bornMs = this.nowMs - (HISTORY_DAYS + 30) * DAY_MS;
    const born = iso(bornMs);

    s.transaction(() => {
      this.readAuditHead();
      const stems = shuffled(rng, COMPANY_STEMS.flatMap((stem) => COMPANY_KINDS.map((kind) => `${stem} ${kind}`)));
      for (let i = 0; i < 140; i += 1) {
        const [country, suffix] = rng.pick(COUNTRY_SUFFIXES);
        const org: Organisation = { id: this.ids.next(), name: `${stems[i]} ${suffix}`, members: [] };
        this.stmt.organisation.run(org.id, org.name, "company", country, born);
        this.companies.push(org);
      }
      const pairs = shuffled(rng, FIRM_NAMES.flatMap((a) => FIRM_NAMES.filter((b) => b !== a).map((b) => [a, b] as const)));
      for (let i = 0; i < 58; i += 1) {
        const [a, b] = pairs[i]!;
        const org: Organisation = { id: this.ids.next(), name: rng.chance(0.6) ? `${a} & ${b} LLP` : `${a} ${b} LLP`, members: [] };
        this.stmt.organisation.run(org.id, org.name, "law_firm", "GB", born);
        this.firms.push(org);
      }
      // The demo's two firms and their solicitors act in many cases, so the demo accounts see a full portal.
      for (const row of s
        .prepare("SELECT o.id, o.name, u.id AS userId, u.name AS userName FROM organisations o JOIN organisation_members m ON m.organisation_id = o.id JOIN users u ON u.id = m.user_id WHERE o.kind = 'law_firm' AND u.role = 'party'")
        .all() as { id: string; name: string; userId: string; userName: string }[]) {
        let firm = this.firms.find((f) => f.id === row.id);
        if (!firm) this.firms.push((firm = { id: row.id, name: row.name, members: [] }));
        firm.members.push({ id: row.userId, name: row.userName });
      }

      let userIndex = 0;
      for (const team of TEAMS) {
        const supervisors: StaffMember[] = [];
        for (let i = 0; i < 10; i += 1) {
          const role = i < 2 ? "supervisor" : "caseworker";
          const person = this.addUser(rng, role, team, LARGE_STAFF_EMAIL_DOMAIN, ++userIndex, bornMs);
          this.stmt.member.run(this.regulatorId, person.id, born);
          const member: StaffMember = { ...person, team, role };
          this.staff.push(member);
          if (role === "supervisor") supervisors.push(member);
        }
        this.supervisorsByTeam.set(team, supervisors);
      }
      // The demo's staff take cases too, so signing in as them shows a realistic queue.
      for (const row of s.prepare("SELECT id, name, role, team FROM users WHERE role IN ('caseworker', 'supervisor') AND email LIKE '%@ipcasework.test'").all() as StaffMember[]) {
        const member = { ...row, team: row.team ?? TEAMS[0]! };
        this.staff.push(member);
        if (member.role === "supervisor") this.supervisorsByTeam.get(member.team)?.push(member);
      }

      for (let i = 0; i < 300; i += 1) {
        const org = i < 80 ? this.companies[i]! : this.firms[i % this.firms.length]!;
        const person = this.addUser(rng, "party", null, LARGE_PARTY_EMAIL_DOMAIN, ++userIndex, bornMs);
        this.stmt.member.run(org.id, person.id, born);
        org.members.push(person);
      }
      this.companiesWithMembers = this.companies.filter((c) => c.members.length > 0);
      this.flushAudit(null);
    }).immediate();
  }

  // --- cases -----------------------------------------------------------------------------

  /** Plans every case, orders them by submission, then writes them in batches. */
  seedCases(startedMs: number): void {
    const total = this.options.cases;
    const received = new Float64Array(total);
    for (let i = 0; i < total; i += 1) {
      const rng = new Rng(mixSeed(this.options.seed, i + 1));
      received[i] = planCase(rng, stageFor(i, rng), this.nowMs).receivedMs;
    }
    const order = Uint32Array.from({ length: total }, (_, i) => i).sort((a, b) => received[a]! - received[b]! || a - b);

    const batchSize = this.options.batchSize ?? 5000;
    const writeBatch = this.sqlite.transaction((from: number, to: number) => {
      this.readAuditHead();
      this.counters.clear();
      for (let k = from; k < to; k += 1) {
        const index = order[k]!;
        const rng = new Rng(mixSeed(this.options.seed, index + 1));
        const plan = planCase(rng, stageFor(index, rng), this.nowMs);
        this.writeCase(rng, plan);
      }
      for (const [year, value] of this.counters) this.stmt.counterUpsert.run(`case-${year}`, value);
    });
    for (let from = 0; from < total; from += batchSize) {
      const to = Math.min(total, from + batchSize);
      writeBatch.immediate(from, to);
      this.options.onProgress?.({ done: to, total, elapsedMs: performance.now() - startedMs });
    }
  }

  /** The next reference for a year, continuing the counter the app allocates from. */
  private allocateReference(receivedMs: number): string {
    const year = Number(dateOf(receivedMs).slice(0, 4));
    const next = (this.counters.get(year) ?? ((this.stmt.counterRead.get(`case-${year}`) as number | undefined) ?? 0)) + 1;
    this.counters.set(year, next);
    return `IPC-${year}-${String(next).padStart(6, "0")}`;
  }

  private pickStaff(rng: Rng, except?: string): StaffMember {
    for (;;) {
      const member = rng.pick(this.staff);
      if (member.id !== except) return member;
    }
  }

  private supervisorFor(rng: Rng, team: string, except?: string): StaffMember {
    const supervisors = (this.supervisorsByTeam.get(team) ?? []).filter((s) => s.id !== except);
    return supervisors.length > 0 ? rng.pick(supervisors) : this.pickStaff(rng, except);
  }

  private writeCase(rng: Rng, plan: CasePlan): void {
    const caseId = this.ids.next();
    const isDraft = plan.status === "draft";

    // Who is involved.
    const complainantRep = rng.chance(0.8) ? rng.pick(this.firms) : null;
    const complainant = complainantRep ? rng.pick(this.companies) : rng.pick(this.companiesWithMembers);
    let respondentRep = rng.chance(0.6) ? rng.pick(this.firms) : null;
    if (respondentRep && respondentRep.id === complainantRep?.id) respondentRep = null;
    let respondent = respondentRep ? rng.pick(this.companies) : rng.pick(this.companiesWithMembers);
    while (respondent.id === complainant.id) respondent = rng.pick(this.companies);
    const filer = rng.pick((complainantRep ?? complainant).members);
    const respondentFiler = (respondentRep ?? respondent).members.length > 0 ? rng.pick((respondentRep ?? respondent).members) : null;

    let assignee: StaffMember | null = plan.assignMs !== null ? this.pickStaff(rng) : null;
    const conflicted = assignee && rng.chance(0.03) ? assignee : null;
    if (conflicted) assignee = this.pickStaff(rng, conflicted.id);
    const staffActor = assignee ?? this.pickStaff(rng);
    const supervisor = this.supervisorFor(rng, staffActor.team, staffActor.id);

    // What it is about.
    const asset = rng.pick(ASSETS);
    const product = `${rng.pick(PRODUCTS)}-${rng.int(2, 12)}`;
    const system = rng.pick(SYSTEMS);
    const title = isDraft ? "Draft complaint" : rng.pick(TITLE_TEMPLATES)(asset, product, system);
    const summary = `${complainant.name} says that ${respondent.name}'s ${product} ${system} reproduces its ${asset}, and that ${rng.pick(HOW)}.`;
    const ipRights = isDraft ? [] : pickSome(rng, IP_RIGHTS, 1, 3);
    const tags = isDraft ? [] : pickSome(rng, TECHNOLOGY_TAG_OPTIONS.map(([value]) => value), 1, 3);
    const reference = isDraft ? null : this.allocateReference(plan.receivedMs);

    const acceptedOn = plan.acceptMs !== null ? dateOf(plan.acceptMs) : null;
    const servedOn = acceptedOn ? addDays(acceptedOn, -rng.int(0, 2)) : null;
    const serviceMethod = acceptedOn ? rng.pick(SERVICE_METHODS) : null;
    const amicusWindowClosesOn = plan.publishMs !== null ? this.due("amicus-window", dateOf(plan.publishMs), []).dueOn : null;
    const publicSummary = plan.publishMs !== null ? `A complaint that the ${product} ${system} reproduces another developer's ${asset}.` : null;
    const decisionReasons = plan.decision ? DECISION_REASONS[plan.decision] : null;
    const rejectionReasons = plan.rejectMs !== null ? rng.pick(REJECTION_REASONS) : null;
    const withdrawalReasons = plan.withdrawMs !== null ? rng.pick(WITHDRAWAL_REASONS) : null;
    const lastMs = latestEventOf(plan);

    const { lastInsertRowid } = this.stmt.caseRow.run(
      caseId, reference, plan.status, title, JSON.stringify(isDraft ? {} : { summary }), JSON.stringify(ipRights), JSON.stringify(tags), filer.id, assignee?.id ?? null,
      isDraft ? null : iso(plan.receivedMs), acceptedOn, servedOn, serviceMethod, rejectionReasons, withdrawalReasons, plan.decision, decisionReasons,
      plan.decisionMs !== null ? iso(plan.decisionMs) : null, plan.closeMs !== null || plan.withdrawMs !== null ? iso((plan.closeMs ?? plan.withdrawMs)!) : null,
      plan.publishMs !== null ? iso(plan.publishMs) : null, publicSummary, amicusWindowClosesOn, iso(plan.createdMs), iso(lastMs),
    );

    if (isDraft) {
      this.audit(plan.createdMs, filer.id, "complaint.draft_started", `case:${caseId}`, {});
      this.flushAudit(caseId);
      return;
    }

    // Parties and search, as submitComplaint and reindexCaseForSearch write them.
    const receivedAt = iso(plan.receivedMs);
    this.stmt.party.run(this.ids.next(), caseId, complainant.id, "complainant", complainantRep?.id ?? null, receivedAt);
    this.stmt.party.run(this.ids.next(), caseId, respondent.id, "respondent", respondentRep?.id ?? null, receivedAt);
    this.stmt.search.run(lastInsertRowid, reference, `${complainant.name} ${respondent.name}`, `${title}\n${summary}`);
    this.audit(plan.receivedMs, filer.id, "case.submit", `case:${caseId}`, {
      from: "draft", to: "submitted", reference, complainantOrganisationId: complainant.id, respondentOrganisationId: respondent.id, signedBy: filer.name,
    });

    // Assignment, with a declaration of no conflict (after a declared conflict and reassignment, now and then).
    if (plan.assignMs !== null && assignee) {
      // A minute per step, never past now (a complaint may have been assigned moments ago).
      let at = Math.max(plan.receivedMs, Math.min(plan.assignMs, this.nowMs - 180_000));
      if (conflicted) {
        this.audit(at, supervisor.id, "case.assigned", `case:${caseId}`, { from: null, to: conflicted.id, toName: conflicted.name });
        const declarationId = this.ids.next();
        this.stmt.conflict.run(declarationId, caseId, conflicted.id, 1, CONFLICT_DETAILS, iso(at + 60_000));
        this.audit(at + 60_000, conflicted.id, "case.conflict_declared", `conflict_declaration:${declarationId}`, { userId: conflicted.id, hasConflict: true, unassigned: true });
        at += 120_000;
      }
      this.audit(at, supervisor.id, "case.assigned", `case:${caseId}`, { from: null, to: assignee.id, toName: assignee.name });
      const declarationId = this.ids.next();
      this.stmt.conflict.run(declarationId, caseId, assignee.id, 0, null, iso(at + 60_000));
      this.audit(at + 60_000, assignee.id, "case.conflict_declared", `conflict_declaration:${declarationId}`, { userId: assignee.id, hasConflict: false, unassigned: false });
    }

    // The lifecycle, as transitionCase records it.
    if (plan.triageMs !== null) this.audit(plan.triageMs, staffActor.id, "case.start_triage", `case:${caseId}`, { from: "submitted", to: "in_triage" });
    if (plan.triageInfo) this.writeInformationRequest(rng, caseId, plan.triageInfo, staffActor, filer, true, plan.withdrawMs);
    if (plan.rejectMs !== null) this.audit(plan.rejectMs, staffActor.id, "case.reject", `case:${caseId}`, { from: "in_triage", to: "closed", reasons: rejectionReasons });

    if (plan.acceptMs !== null && acceptedOn && servedOn) {
      this.audit(plan.acceptMs, staffActor.id, "case.accept", `case:${caseId}`, { from: "in_triage", to: "assessment", reasons: ACCEPT_REASONS, servedOn, serviceMethod });
      const stops: ClockEventPlan[] = [];
      if (plan.assessInfo) {
        stops.push({ kind: "stop", ms: plan.assessInfo.sentMs, reason: "Information request sent" });
        if (plan.assessInfo.answeredMs !== null) stops.push({ kind: "restart", ms: plan.assessInfo.answeredMs, reason: "Information request answered" });
        this.writeInformationRequest(rng, caseId, plan.assessInfo, staffActor, filer, false, plan.withdrawMs);
      }
      const caseToAnswerEnd = plan.decisionMs !== null
        ? { ms: plan.decisionMs, outcome: "meet-or-miss" as const, reason: "Case-to-answer decision approved" }
        : plan.withdrawMs !== null
          ? { ms: plan.withdrawMs, outcome: "cancelled" as const, reason: "Complaint withdrawn" }
          : null;
      this.writeDeadline(caseId, "case-to-answer", null, null, acceptedOn, plan.acceptMs, staffActor.id, "Complaint accepted as valid", stops, caseToAnswerEnd);

      // The respondent's representations arrive within the period as a rule, occasionally late, before any decision.
      let representationsMs = Math.floor(plan.acceptMs + rng.between(5, rng.chance(0.88) ? 28 : 45) * DAY_MS);
      if (plan.decisionMs !== null) representationsMs = Math.min(representationsMs, plan.decisionMs - 3_600_000);
      const representationsEnd =
        plan.withdrawMs !== null && plan.withdrawMs < representationsMs
          ? { ms: plan.withdrawMs, outcome: "cancelled" as const, reason: "Complaint withdrawn" }
          : representationsMs <= this.nowMs
            ? { ms: representationsMs, outcome: "meet-or-miss" as const, reason: "Respondent's representations received" }
            : null;
      this.writeDeadline(caseId, "respondent-representations", null, null, servedOn, plan.acceptMs, staffActor.id, `Complaint served by ${serviceMethod}`, [], representationsEnd);

      if (plan.publishMs !== null) {
        this.audit(plan.publishMs, staffActor.id, "case.published", `case:${caseId}`, { summaryLength: publicSummary!.length, amicusWindowClosesOn });
      }
    }

    if (plan.decisionMs !== null && plan.proposalMs !== null && plan.decision) {
      const proposalId = this.ids.next();
      this.stmt.proposal.run(proposalId, caseId, plan.decision, decisionReasons, "approved", staffActor.id, iso(plan.proposalMs), supervisor.id, iso(plan.decisionMs));
      this.audit(plan.proposalMs, staffActor.id, "decision.proposed", `decision:${proposalId}`, { decision: plan.decision, reasons: decisionReasons });
      const event = plan.decision === "case_to_answer" ? "decide_case_to_answer" : "decide_no_case_to_answer";
      this.audit(plan.decisionMs, supervisor.id, `case.${event}`, `case:${caseId}`, {
        from: "assessment", to: plan.decision === "case_to_answer" ? "investigation" : "closed", proposalId, proposedBy: staffActor.id, approvedBy: supervisor.id, decision: plan.decision,
      });
    } else if (plan.proposalMs !== null) {
      const proposalId = this.ids.next();
      const decision = rng.chance(0.6) ? "case_to_answer" : "no_case_to_answer";
      this.stmt.proposal.run(proposalId, caseId, decision, DECISION_REASONS[decision], "proposed", staffActor.id, iso(plan.proposalMs), null, null);
      this.audit(plan.proposalMs, staffActor.id, "decision.proposed", `decision:${proposalId}`, { decision, reasons: DECISION_REASONS[decision] });
    }
    if (plan.finalMs !== null) this.audit(plan.finalMs, supervisor.id, "case.record_final_decision", `case:${caseId}`, { from: "investigation", to: "decided" });
    if (plan.closeMs !== null && plan.stage === "closed_final") this.audit(plan.closeMs, supervisor.id, "case.close", `case:${caseId}`, { from: "decided", to: "closed" });
    if (plan.withdrawMs !== null) this.audit(plan.withdrawMs, filer.id, "case.withdraw", `case:${caseId}`, { from: plan.withdrawnFrom, to: "withdrawn", reasons: withdrawalReasons });

    this.writeEvidence(rng, caseId, plan, filer, respondentFiler, staffActor);

    // Internal notes while the case was open.
    const notes = plan.status === "submitted" ? rng.int(0, 1) : rng.int(1, 2);
    for (let i = 0; i < notes; i += 1) {
      const author = rng.chance(0.7) ? staffActor : this.pickStaff(rng);
      const at = Math.floor(rng.between(plan.receivedMs, plan.endMs));
      const body = rng.pick(NOTE_BODIES);
      const noteId = this.ids.next();
      this.stmt.note.run(noteId, caseId, author.id, body, iso(at));
      this.audit(at, author.id, "case.note_added", `note:${noteId}`, { length: body.length });
    }
    this.flushAudit(caseId);
  }

  private writeInformationRequest(rng: Rng, caseId: string, request: InfoRequestPlan, sentBy: Person, filer: Person, inTriage: boolean, withdrawMs: number | null): void {
    const requestId = this.ids.next();
    const questions = rng.pick(INFO_QUESTIONS);
    const sentOn = dateOf(request.sentMs);
    const end =
      request.answeredMs !== null
        ? { ms: request.answeredMs, outcome: "meet-or-miss" as const, reason: "Information request answered" }
        : withdrawMs !== null
          ? { ms: withdrawMs, outcome: "cancelled" as const, reason: "Complaint withdrawn" }
          : null;
    const deadlineId = this.writeDeadline(caseId, "information-response", requestId, null, sentOn, request.sentMs, sentBy.id, "Information request sent", [], end);
    const response = request.answeredMs !== null ? rng.pick(INFO_ANSWERS) : null;
    this.stmt.infoRequest.run(requestId, caseId, questions, sentOn, deadlineId, sentBy.id, iso(request.sentMs), response, response ? filer.id : null, request.answeredMs !== null ? iso(request.answeredMs) : null);
    if (inTriage) {
      this.audit(request.sentMs, sentBy.id, "case.request_information", `case:${caseId}`, { from: "in_triage", to: "awaiting_information", questions });
      if (request.answeredMs !== null) this.audit(request.answeredMs, filer.id, "case.answer_information", `case:${caseId}`, { from: "awaiting_information", to: "in_triage", requestId });
    } else {
      this.audit(request.sentMs, sentBy.id, "case.request_information", `case:${caseId}`, { questions, clockStopped: true });
      if (request.answeredMs !== null) this.audit(request.answeredMs, filer.id, "case.answer_information", `information_request:${requestId}`, { requestId });
    }
  }

  /** The due date from the rule's terms and any stops, by the deadline engine itself. */
  private due(ruleId: string, startOn: string, stops: readonly { kind: string; effectiveOn: string }[]) {
    const rule = this.rules.get(ruleId);
    if (!rule) throw new Error(`There is no deadline rule "${ruleId}".`);
    const terms = { startOn, length: rule.length, unit: rule.unit, count: rule.count, calendar: rule.calendar, roll: rule.roll };
    const state = clockStateFromEvents(stops.map((s) => ({ kind: s.kind as "stop" | "restart", effectiveOn: s.effectiveOn, days: null })));
    const result = computeDueFromEvents(terms, state, this.today, this.holidays);
    return { rule, terms, dueOn: result.due, expiresAt: result.expiresAt, holidayDataVersion: result.holidayDataVersion };
  }

  /**
   * One deadline with its clock events and their audit events, as startDeadline, appendClockEvent
   * and closeDeadline write them. `end` closes it: met or missed by its last second, or cancelled.
   */
  private writeDeadline(
    caseId: string,
    ruleId: string,
    subjectId: string | null,
    label: string | null,
    startOn: string,
    startMs: number,
    actorId: string,
    reason: string,
    clock: ClockEventPlan[],
    end: { ms: number; outcome: "meet-or-miss" | "cancelled"; reason: string } | null,
  ): string {
    const events = clock.map((e) => ({ ...e, effectiveOn: dateOf(e.ms) }));
    const computed = this.due(ruleId, startOn, events);
    const name = label ?? computed.rule.name;
    const status = end
      ? end.outcome === "cancelled"
        ? "cancelled"
        : end.ms <= Date.parse(computed.expiresAt)
          ? "met"
          : "missed"
      : events.length > 0 && events[events.length - 1]!.kind === "stop"
        ? "stopped"
        : "running";
    const id = this.ids.next();
    const updatedMs = end?.ms ?? (events.length > 0 ? events[events.length - 1]!.ms : startMs);
    const { terms } = computed;
    this.stmt.deadline.run(
      id, caseId, ruleId, name, subjectId, startOn, terms.length, terms.unit, terms.count, terms.calendar, terms.roll, computed.dueOn, computed.expiresAt, computed.holidayDataVersion,
      status, end ? iso(end.ms) : null, iso(startMs), iso(updatedMs),
    );
    const clockEvent = (kind: string, effectiveOn: string, why: string, ms: number) => {
      this.stmt.clockEvent.run(this.ids.next(), id, caseId, kind, effectiveOn, why, actorId, iso(ms));
      this.audit(ms, actorId, `clock.${kind}`, `deadline:${id}`, { label: name, effectiveOn, reason: why });
    };
    clockEvent("start", startOn, reason, startMs);
    for (const event of events) clockEvent(event.kind, event.effectiveOn, event.reason, event.ms);
    if (end) clockEvent(status, dateOf(end.ms), end.reason, end.ms);
    return id;
  }

  /**
   * About ten exhibits: the complainant's from submission, the respondent's and the regulator's
   * after acceptance, numbered per side in filing order and filed in submissions of one to five
   * (one confidentiality each, as submitEvidence takes it), with the occasional corrected or
   * non-confidential version, withdrawal and review.
   */
  private writeEvidence(rng: Rng, caseId: string, plan: CasePlan, complainantFiler: Person, respondentFiler: Person | null, regulatorFiler: Person): void {
    const stage = plan.stage;
    const target =
      stage === "submitted" ? rng.int(2, 5)
      : stage === "in_triage" || stage === "awaiting_information" || stage === "closed_rejected" ? rng.int(3, 8)
      : stage === "withdrawn" ? rng.int(3, 10)
      : stage === "assessment" || stage === "closed_no_case" ? rng.int(7, 12)
      : rng.int(9, 15);
    const openUntil = Math.min(plan.endMs, this.nowMs);
    const acceptMs = plan.acceptMs;

    const filings: Filing[] = [];
    let itemCount = 0;
    while (itemCount < target) {
      const roll = rng.next();
      const side: FilingSide = acceptMs === null || roll < 0.45 ? "complainant" : roll < 0.85 && respondentFiler ? "respondent" : "regulator";
      const from = side === "complainant" ? plan.receivedMs : side === "respondent" ? acceptMs! : (plan.triageMs ?? plan.receivedMs);
      // The complaint's own exhibits come with it; later filings spread over the open life of the case.
      const ms = filings.length === 0 ? Math.min(plan.receivedMs + 60_000, openUntil) : Math.floor(rng.between(from, openUntil));
      const c = rng.next();
      const confidentiality: Confidentiality = side === "regulator" || c < 0.85 ? "public" : c < 0.95 ? "parties" : "restricted";
      const count = Math.min(rng.int(1, 5), target - itemCount);
      itemCount += count;
      filings.push({ ms, side, filer: side === "complainant" ? complainantFiler : side === "respondent" ? respondentFiler! : regulatorFiler, confidentiality, items: Array.from({ length: count }, () => newItem(null, null)) });
    }
    // Follow-ups: a non-confidential version of almost every confidential filing (mostly within its
    // 7 days, some late), and the odd correction.
    for (const filing of filings.slice()) {
      for (const item of filing.items) {
        if (filing.confidentiality !== "public") {
          const r = rng.next();
          const versionMs = Math.floor(filing.ms + (r < 0.7 ? rng.between(1, 7) : rng.between(8, 40)) * DAY_MS);
          if (r < 0.95 && versionMs <= openUntil) filings.push({ ms: versionMs, side: filing.side, filer: filing.filer, confidentiality: "public", items: [newItem(item, "version")] });
          continue;
        }
        const followMs = Math.floor(filing.ms + rng.between(1, 10) * DAY_MS);
        if (followMs <= openUntil && rng.chance(0.02)) {
          filings.push({ ms: followMs, side: filing.side, filer: filing.filer, confidentiality: filing.confidentiality, items: [newItem(item, "supersedes")] });
          item.status = "superseded";
        }
      }
    }
    filings.sort((a, b) => a.ms - b.ms);

    const perSide: Partial<Record<string, number>> = {};
    for (const filing of filings) {
      const prefix = EXHIBIT_PREFIX[filing.side];
      for (const item of filing.items) {
        item.id = this.ids.next();
        perSide[prefix] = (perSide[prefix] ?? 0) + 1;
        item.exhibit = `${prefix}-${String(perSide[prefix]).padStart(3, "0")}`;
      }
    }
    // Later filings continue the numbering, as allocateExhibitNumber would have.
    for (const [prefix, value] of Object.entries(perSide)) this.stmt.counter.run(`exhibit:${caseId}:${prefix}`, value!);

    for (const filing of filings) {
      const submissionId = this.ids.next();
      const at = iso(filing.ms);
      this.stmt.submission.run(submissionId, caseId, filing.side, filing.filer.id, at);
      for (const item of filing.items) {
        const blob = rng.pick(this.blobs);
        const titleIndex = Math.floor(rng.next() * EVIDENCE_TITLES.length);
        const baseTitle = EVIDENCE_TITLES[titleIndex]!;
        const title = item.replaceKind === "version" ? `${baseTitle} (non-confidential version)` : item.replaceKind === "supersedes" ? `${baseTitle} (corrected)` : baseTitle;
        const filename = `${EVIDENCE_SLUGS[titleIndex]}-${item.exhibit.toLowerCase()}.${blob.extension}`;

        // Review or withdrawal, while the case was open (the regulator's own filings are not reviewed).
        let reviewedBy: string | null = null;
        let reviewedAt: string | null = null;
        let reviewReasons: string | null = null;
        const laterMs = Math.floor(filing.ms + rng.between(0.5, 20) * DAY_MS);
        if (item.status !== "superseded" && laterMs <= openUntil) {
          const r = rng.next();
          if (r < 0.02) {
            item.status = "withdrawn";
            item.withdrawnMs = laterMs;
            this.audit(laterMs, filing.filer.id, "evidence.withdrawn", `evidence:${item.id}`, { exhibitNumber: item.exhibit, previousStatus: "received", reasons: EVIDENCE_WITHDRAWAL_REASONS });
          } else if (r < 0.14 && filing.side !== "regulator") {
            item.status = r < 0.03 ? "rejected" : "accepted";
            reviewedBy = regulatorFiler.id;
            reviewedAt = iso(laterMs);
            reviewReasons = item.status === "rejected" ? REVIEW_REJECT_REASONS : null;
            this.audit(laterMs, regulatorFiler.id, `evidence.${item.status}`, `evidence:${item.id}`, { exhibitNumber: item.exhibit, previousStatus: "received", reasons: reviewReasons });
          }
        }
        const withdrawn = item.status === "withdrawn";
        this.stmt.evidence.run(
          item.id, caseId, filing.side, filing.filer.id, submissionId, item.exhibit, title, rng.pick(EVIDENCE_DESCRIPTIONS), filename, blob.sizeBytes, blob.contentType, blob.sha256,
          filing.confidentiality, item.status, item.replaceKind === "supersedes" ? item.replaces!.id : null, item.replaceKind === "version" ? item.replaces!.id : null, at,
          reviewReasons, reviewedBy, reviewedAt, withdrawn ? EVIDENCE_WITHDRAWAL_REASONS : null, withdrawn ? filing.filer.id : null, withdrawn ? iso(item.withdrawnMs!) : null,
        );
        if (item.replaceKind === "supersedes") {
          this.audit(filing.ms, filing.filer.id, "evidence.superseded", `evidence:${item.replaces!.id}`, { exhibitNumber: item.replaces!.exhibit, previousStatus: "received", supersededBy: item.id, supersededByExhibit: item.exhibit });
        } else if (item.replaceKind === "version") {
          this.audit(filing.ms, filing.filer.id, "evidence.non_confidential_version_filed", `evidence:${item.replaces!.id}`, { exhibitNumber: item.replaces!.exhibit, versionId: item.id, versionExhibit: item.exhibit });
        }
      }
      // One event per submission (submitEvidence also writes one per item; left out to keep the chain to a few events per case).
      this.audit(filing.ms, filing.filer.id, "evidence.submission", `evidence-submission:${submissionId}`, {
        filingSide: filing.side, confidentiality: filing.confidentiality, exhibits: filing.items.map((i) => i.exhibit), evidenceIds: filing.items.map((i) => i.id),
      });
    }

    // A party's confidential filing owes a non-confidential version within 7 days (submitEvidence starts the clock).
    for (const filing of filings) {
      if (filing.side === "regulator" || filing.confidentiality === "public") continue;
      for (const item of filing.items) {
        const follow = filings.find((f) => f.items[0]!.replaces === item);
        const end = follow
          ? { ms: follow.ms, outcome: "meet-or-miss" as const, reason: `Non-confidential version ${follow.items[0]!.exhibit} filed` }
          : item.withdrawnMs !== null
            ? { ms: item.withdrawnMs, outcome: "cancelled" as const, reason: `${item.exhibit} withdrawn` }
            : plan.withdrawMs !== null
              ? { ms: plan.withdrawMs, outcome: "cancelled" as const, reason: "Complaint withdrawn" }
              : plan.closeMs !== null
                ? { ms: plan.closeMs, outcome: "meet-or-miss" as const, reason: "Case closed without a non-confidential version" }
                : null;
        this.writeDeadline(caseId, "non-confidential-version", item.id, nonConfidentialDeadlineLabel(item.exhibit), dateOf(filing.ms), filing.ms, filing.filer.id, `Confidential evidence ${item.exhibit} filed`, [], end);
      }
    }
  }
}

/** When the case row last changed: its latest lifecycle event. */
function latestEventOf(plan: CasePlan): number {
  let latest = plan.createdMs;
  for (const ms of [plan.receivedMs, plan.assignMs, plan.triageMs, plan.triageInfo?.sentMs, plan.triageInfo?.answeredMs, plan.acceptMs, plan.rejectMs, plan.publishMs, plan.decisionMs, plan.finalMs, plan.closeMs, plan.withdrawMs]) {
    if (typeof ms === "number" && ms > latest) latest = ms;
  }
  return latest;
}

interface Item {
  id: string;
  exhibit: string;
  status: "received" | "accepted" | "rejected" | "withdrawn" | "superseded";
  /** The earlier item this one corrects or stands in for. */
  replaces: Item | null;
  replaceKind: "supersedes" | "version" | null;
  withdrawnMs: number | null;
}

interface Filing {
  ms: number;
  side: FilingSide;
  filer: Person;
  confidentiality: Confidentiality;
  items: Item[];
}

const newItem = (replaces: Item | null, replaceKind: Item["replaceKind"]): Item => ({ id: "", exhibit: "", status: "received", replaces, replaceKind, withdrawnMs: null });

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function pickSome<T>(rng: Rng, items: readonly T[], min: number, max: number): T[] {
  const count = rng.int(min, max);
  const chosen: T[] = [];
  while (chosen.length < count) {
    const item = rng.pick(items);
    if (!chosen.includes(item)) chosen.push(item);
  }
  return chosen;
}

