/** What every benchmark module returns to `bench/run.ts` (see the convention there). */
export interface BenchResult {
  /** Short id, e.g. "core". */
  name: string;
  /** Human-readable table, printed as is. */
  table: string;
  /** Figures for machines; lands under `results[name]` in the runner's one JSON line. */
  json: Record<string, unknown>;
  /** Targets this module checks, each met or not (reported, never a failing exit). */
  targets?: { what: string; met: boolean }[];
}

/** Wall-clock seconds since an arbitrary origin, high resolution (for work done in other processes). */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

/**
 * CPU seconds used by this process (user + system) since an arbitrary origin. CPU time, not wall
 * time: on a shared, loaded machine it does not count the time other processes held the CPU.
 */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Best (smallest) CPU time of `reps` calls after one warm-up call, and the last call's result. */
export function best<T>(reps: number, fn: () => T): { seconds: number; result: T } {
  let result = fn();
  let seconds = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = cpuSeconds();
    result = fn();
    seconds = Math.min(seconds, cpuSeconds() - t0);
  }
  return { seconds, result };
}

/** A "within N× of the hand-written loop" target: met, or by how much it is missed. */
export function ratioTarget(
  what: string,
  ratio: number,
  target: number
): { what: string; met: boolean } {
  const met = ratio <= target;
  const miss = met ? "" : `, missed by ${((ratio / target - 1) * 100).toFixed(0)}%`;
  return {
    what: `${what}: core ${ratio.toFixed(2)}× the hand-written loop (target ≤ ${target}×${miss})`,
    met,
  };
}
