/** Runs `work` repeatedly for about `seconds` and returns operations per second (best of `rounds`). */
export function opsPerSecond(work: () => void, opsPerCall: number, seconds = 1, rounds = 3): number {
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const deadline = process.hrtime.bigint() + BigInt(Math.round((seconds / rounds) * 1e9));
    const started = process.hrtime.bigint();
    let calls = 0;
    while (process.hrtime.bigint() < deadline) {
      work();
      calls++;
    }
    const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    best = Math.max(best, (calls * opsPerCall) / elapsedSeconds);
  }
  return best;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  baselineName: string;
  ratio: number;
  goal: string;
  met: boolean | null;
}
