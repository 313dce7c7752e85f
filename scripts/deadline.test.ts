import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const repoRoot = path.resolve(__dirname, "..");
const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");

function runDeadline(args: string[]) {
  const run = spawnSync(tsx, ["scripts/deadline.ts", ...args], { cwd: repoRoot, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const REQUIRED_FLAGS = ["--unit", "working", "--count", "beginning-with", "--calendar", "england-and-wales"];

describe("scripts/deadline.ts", () => {
  it("prints the deadline as pretty JSON and exits 0", () => {
    const run = runDeadline(["--start", "2026-12-18", "--length=30", ...REQUIRED_FLAGS, "--stop", "2027-01-11..2027-01-20"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output).toMatchObject({
      due: "2027-02-12",
      expiresAt: "2027-02-12T23:59:59+00:00",
      dueWeekday: "Friday",
      dueLong: "Friday 12 February 2027",
      day1: "2026-12-18",
      rolled: false,
      stoppedDays: 8,
      request: { start: "2026-12-18", length: 30, roll: "none", stops: [{ from: "2027-01-11", to: "2027-01-20" }] },
    });
    expect(output.holidayDataVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(run.stdout).toBe(`${JSON.stringify(output, null, 2)}\n`);
  });

  it("exits 2 with usage and the problem on stderr for bad flags", () => {
    const run = runDeadline(["--start", "2026-12-18", "--length", "45", ...REQUIRED_FLAGS, "--unit", "fortnights"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Usage: npm run --silent deadline");
    expect(run.stderr).toContain("Error: --unit was given more than once");
  });

  it("exits 1 with a JSON error when the deadline runs beyond the holiday data", () => {
    const run = runDeadline(["--start", "2028-11-20", "--length", "30", ...REQUIRED_FLAGS]);
    expect(run.status).toBe(1);
    const output = JSON.parse(run.stdout);
    expect(output.error.code).toBe("beyond-holiday-data");
    expect(output.error.message).toContain("2029");
    expect(run.stderr).toContain("covers 2019–2028 and not 2029");
  });
});
