import fs from "node:fs";

// Linux only: memory is read from /proc. `next start` may run the server in a child process, so a
// server's memory is the sum over the process tree it started.

export const canReadProcessMemory = (): boolean => fs.existsSync("/proc/self/status");

const MAX_TREE_SIZE = 256;

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    } catch {
      return childrenByScanning(pid);
    }
  }
  return out;
}

/** For kernels without /proc/<pid>/task/<tid>/children: every process's parent, from its stat line. */
function childrenByScanning(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name (field 2) may hold spaces and parentheses; the parent id follows its last ")".
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** `rootPid` and all its descendants alive now. */
export function processTree(rootPid: number): number[] {
  const seen = new Set<number>();
  const queue = [rootPid];
  while (queue.length > 0 && seen.size < MAX_TREE_SIZE) {
    const pid = queue.shift()!;
    if (seen.has(pid) || !fs.existsSync(`/proc/${pid}`)) continue;
    seen.add(pid);
    queue.push(...childrenOf(pid));
  }
  return [...seen];
}

/** A `Vm…` line of /proc/<pid>/status in KiB; 0 once the process has gone. */
export function statusKiB(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export const sumKiB = (pids: number[], field: "VmRSS" | "VmHWM"): number => pids.reduce((total, pid) => total + statusKiB(pid, field), 0);

export interface RssSampler {
  /** Stops sampling; the highest resident set seen and how many samples were taken. */
  stop(): { peakKiB: number; samples: number };
}

/** Samples the tree's summed VmRSS every `everyMs`, looking for new processes in it once a second. */
export function sampleTreeRss(rootPid: number, everyMs = 50): RssSampler {
  let pids = processTree(rootPid);
  let lastTreeScan = Date.now();
  let peakKiB = 0;
  let samples = 0;
  const sample = () => {
    if (Date.now() - lastTreeScan >= 1000) {
      pids = processTree(rootPid);
      lastTreeScan = Date.now();
    }
    peakKiB = Math.max(peakKiB, sumKiB(pids, "VmRSS"));
    samples++;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakKiB, samples };
    },
  };
}
