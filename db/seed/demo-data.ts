import type { CaseStatus, IpRight } from "../schema";

/** Every organisation and person here is invented. */
export const DEMO_PASSWORD = "casework-demo";

export const DEMO_ORGANISATIONS = [
  { key: "regulator", name: "Intellectual Property Regulator (demo)", kind: "public_body", country: "GB" },
  { key: "corvid", name: "Corvid Labs Ltd", kind: "company", country: "GB" },
  { key: "meridian", name: "Meridian Cloud Systems Pte Ltd", kind: "company", country: "SG" },
  { key: "harrow", name: "Harrow & Vell LLP", kind: "law_firm", country: "GB" },
  { key: "ostrander", name: "Ostrander Kemp LLP", kind: "law_firm", country: "GB" },
  { key: "fenwick", name: "Fenwick Tarn Robotics Ltd", kind: "company", country: "GB" },
  { key: "quillon", name: "Quillon Data Works GmbH", kind: "company", country: "DE" },
  { key: "larkspur", name: "Larkspur Genomics plc", kind: "company", country: "GB" },
  { key: "tessaract", name: "Tessaract Vision SAS", kind: "company", country: "FR" },
  { key: "brackenridge", name: "Brackenridge Audio Ltd", kind: "company", country: "GB" },
  { key: "novaluna", name: "Nova Luna Interactive Inc", kind: "company", country: "US" },
  { key: "openweights", name: "Open Weights Research Collective", kind: "civil_society", country: "GB" },
] as const;

export type DemoOrganisationKey = (typeof DEMO_ORGANISATIONS)[number]["key"];

export const DEMO_USERS = [
  { email: "caseworker@ipcasework.test", name: "Priya Raman", role: "caseworker", team: "AI and software", organisations: ["regulator"] },
  { email: "supervisor@ipcasework.test", name: "Tom Okafor", role: "supervisor", team: "AI and software", organisations: ["regulator"] },
  { email: "admin@ipcasework.test", name: "Helen Marsh", role: "admin", team: null, organisations: ["regulator"] },
  { email: "complainant@ipcasework.test", name: "Aisha Mensah", role: "party", team: null, organisations: ["harrow"] },
  { email: "respondent@ipcasework.test", name: "Daniel Reyes", role: "party", team: null, organisations: ["ostrander"] },
  { email: "amicus@ipcasework.test", name: "Dr Morag Lindqvist", role: "amicus", team: null, organisations: ["openweights"] },
  { email: "caseworker2@ipcasework.test", name: "Ewan Doyle", role: "caseworker", team: "AI and software", organisations: ["regulator"] },
] as const;

export interface DemoCase {
  title: string;
  status: CaseStatus;
  complainant: DemoOrganisationKey;
  complainantRep?: DemoOrganisationKey;
  respondent: DemoOrganisationKey;
  respondentRep?: DemoOrganisationKey;
  ipRights: IpRight[];
  technologyTags: string[];
  summary: string;
  /** Days before "now" the complaint arrived. */
  receivedDaysAgo: number;
  /** Days before "now" it was accepted, for cases past triage. */
  acceptedDaysAgo?: number;
  assignedTo?: string;
  published?: boolean;
  decision?: "case_to_answer" | "no_case_to_answer";
}

export const FLAGSHIP_CASE: DemoCase = {
  title: "Alleged copying of attention-head configuration, reward-model training and safety framework in the Meridian-7 language model",
  status: "assessment",
  complainant: "corvid",
  complainantRep: "harrow",
  respondent: "meridian",
  respondentRep: "ostrander",
  ipRights: ["trade_secret", "copyright", "database_right"],
  technologyTags: ["model architecture", "weights", "fine-tuning / RLHF / reward model", "safety framework"],
  summary:
    "Corvid Labs says that Meridian Cloud Systems' Meridian-7 model reproduces Corvid's confidential attention-head configuration, " +
    "was trained with a reward model derived from Corvid's preference data, and adopts Corvid's unpublished safety framework nearly " +
    "verbatim. Corvid says a former research engineer took the material when joining Meridian in March 2026.",
  receivedDaysAgo: 19,
  acceptedDaysAgo: 12,
  assignedTo: "caseworker@ipcasework.test",
  published: true,
};

const c = (d: DemoCase) => d;

export const OTHER_DEMO_CASES: DemoCase[] = [
  c({ title: "Robot-arm motion-planning source code published in a competitor's SDK", status: "submitted", complainant: "fenwick", complainantRep: "harrow", respondent: "novaluna", ipRights: ["copyright"], technologyTags: ["source code"], summary: "Fenwick Tarn says large parts of its motion planner appear in Nova Luna's public SDK.", receivedDaysAgo: 1 }),
  c({ title: "Scraped training corpus built from a licensed legal-judgments database", status: "submitted", complainant: "quillon", respondent: "meridian", respondentRep: "ostrander", ipRights: ["database_right"], technologyTags: ["training data"], summary: "Quillon Data Works says its judgments database was scraped to train a model.", receivedDaysAgo: 2 }),
  c({ title: "Protein-folding model weights redistributed without licence", status: "submitted", complainant: "larkspur", complainantRep: "harrow", respondent: "tessaract", ipRights: ["copyright", "trade_secret"], technologyTags: ["weights"], summary: "Larkspur Genomics says its licensed weights were re-uploaded under another name.", receivedDaysAgo: 3 }),
  c({ title: "Image-segmentation architecture in a rival's product", status: "in_triage", complainant: "tessaract", respondent: "fenwick", ipRights: ["patent", "trade_secret"], technologyTags: ["model architecture"], summary: "Tessaract Vision says its patented segmentation head appears in Fenwick Tarn's robots.", receivedDaysAgo: 5, assignedTo: "caseworker@ipcasework.test" }),
  c({ title: "Speech-synthesis voice models trained on session recordings", status: "in_triage", complainant: "brackenridge", complainantRep: "harrow", respondent: "novaluna", ipRights: ["copyright"], technologyTags: ["training data", "weights"], summary: "Brackenridge Audio says its studio session recordings trained Nova Luna's voices.", receivedDaysAgo: 6 }),
  c({ title: "Recommendation-engine feature pipeline copied by former contractor", status: "in_triage", complainant: "quillon", respondent: "larkspur", ipRights: ["trade_secret"], technologyTags: ["source code"], summary: "Quillon says a contractor took its feature pipeline to Larkspur.", receivedDaysAgo: 7, assignedTo: "caseworker2@ipcasework.test" }),
  c({ title: "Fine-tuning recipe for code assistants disclosed in a preprint", status: "awaiting_information", complainant: "corvid", complainantRep: "harrow", respondent: "quillon", ipRights: ["trade_secret"], technologyTags: ["fine-tuning / RLHF / reward model"], summary: "Corvid says its fine-tuning recipe appears in a Quillon preprint.", receivedDaysAgo: 10, assignedTo: "caseworker@ipcasework.test" }),
  c({ title: "Game-engine shader library in a mobile title", status: "awaiting_information", complainant: "novaluna", respondent: "brackenridge", ipRights: ["copyright"], technologyTags: ["source code"], summary: "Nova Luna says its shader library ships inside a Brackenridge game.", receivedDaysAgo: 12, assignedTo: "caseworker2@ipcasework.test" }),
  c({ title: "Distilled chat model trained on outputs of a proprietary model", status: "assessment", complainant: "corvid", complainantRep: "harrow", respondent: "novaluna", ipRights: ["trade_secret", "other"], technologyTags: ["weights", "training data"], summary: "Corvid says Nova Luna distilled its model from outputs in breach of terms.", receivedDaysAgo: 30, acceptedDaysAgo: 25, assignedTo: "caseworker@ipcasework.test", published: true }),
  c({ title: "Sensor-fusion firmware in imported drones", status: "assessment", complainant: "fenwick", respondent: "tessaract", respondentRep: "ostrander", ipRights: ["copyright", "design"], technologyTags: ["source code"], summary: "Fenwick Tarn says its firmware runs on Tessaract's drones.", receivedDaysAgo: 55, acceptedDaysAgo: 50, assignedTo: "caseworker2@ipcasework.test" }),
  // A long triage (received 40 days ago, accepted 20): acceptance order differs from reference order,
  // as it does in real queues, so sorting deadlines by due date and by reference give different lists.
  c({ title: "Genomic variant-calling model and benchmark data", status: "assessment", complainant: "larkspur", respondent: "quillon", ipRights: ["database_right", "trade_secret"], technologyTags: ["training data", "model architecture"], summary: "Larkspur says Quillon's caller was trained on its benchmark.", receivedDaysAgo: 40, acceptedDaysAgo: 20, assignedTo: "caseworker@ipcasework.test" }),
  c({ title: "Safety evaluation suite republished as a commercial product", status: "investigation", complainant: "openweights", respondent: "meridian", respondentRep: "ostrander", ipRights: ["copyright"], technologyTags: ["safety framework", "source code"], summary: "The collective says its evaluation suite is sold by Meridian without attribution.", receivedDaysAgo: 90, acceptedDaysAgo: 80, assignedTo: "caseworker@ipcasework.test", published: true, decision: "case_to_answer" }),
  c({ title: "Audio watermark detector reverse-engineered", status: "investigation", complainant: "brackenridge", respondent: "tessaract", ipRights: ["patent"], technologyTags: ["model architecture"], summary: "Brackenridge says Tessaract reverse-engineered its watermark detector.", receivedDaysAgo: 100, acceptedDaysAgo: 92, assignedTo: "caseworker2@ipcasework.test", decision: "case_to_answer" }),
  c({ title: "Tokeniser vocabulary and merges copied", status: "decided", complainant: "quillon", respondent: "novaluna", ipRights: ["copyright"], technologyTags: ["model architecture"], summary: "Quillon says its tokeniser files were copied byte for byte.", receivedDaysAgo: 160, acceptedDaysAgo: 150, assignedTo: "caseworker@ipcasework.test", published: true, decision: "case_to_answer" }),
  c({ title: "Retail demand-forecasting model", status: "closed", complainant: "fenwick", respondent: "quillon", ipRights: ["trade_secret"], technologyTags: ["weights"], summary: "Fenwick Tarn alleged its forecasting model was copied.", receivedDaysAgo: 200, acceptedDaysAgo: 190, assignedTo: "caseworker2@ipcasework.test", decision: "no_case_to_answer" }),
  c({ title: "Complaint about a general-purpose assistant's name", status: "closed", complainant: "novaluna", respondent: "corvid", ipRights: ["other"], technologyTags: [], summary: "Rejected at triage: a trade mark dispute, outside this regulator's remit.", receivedDaysAgo: 60 }),
  c({ title: "Optical character recognition training pipeline", status: "withdrawn", complainant: "tessaract", respondent: "larkspur", ipRights: ["trade_secret"], technologyTags: ["source code", "training data"], summary: "Withdrawn by the complainant after a settlement.", receivedDaysAgo: 70 }),
  c({ title: "Reinforcement-learning reward model for robotics", status: "submitted", complainant: "fenwick", respondent: "meridian", respondentRep: "ostrander", ipRights: ["trade_secret"], technologyTags: ["fine-tuning / RLHF / reward model"], summary: "Fenwick Tarn says Meridian's robotics reward model copies its own.", receivedDaysAgo: 0 }),
  c({ title: "Medical imaging dataset annotations", status: "in_triage", complainant: "larkspur", complainantRep: "harrow", respondent: "meridian", ipRights: ["database_right"], technologyTags: ["training data"], summary: "Larkspur says Meridian used its annotated imaging set.", receivedDaysAgo: 4 }),
];
