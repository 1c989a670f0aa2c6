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

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

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

setFlagsFromString("--expose-gc");
/** A full garbage collection (the flag above makes `gc` reachable from a fresh context). */
const collect = runInNewContext("gc") as () => void;

/**
 * Best CPU times of `a` and `b` over `reps` alternating rounds after one warm-up call of each,
 * each call timed from a just-collected heap: neither side pays for the garbage the other (or
 * its own last call) left, and both run with the same JIT and heap history.
 */
export function versus<A, B>(
  reps: number,
  a: () => A,
  b: () => B
): { a: { seconds: number; result: A }; b: { seconds: number; result: B } } {
  const timed = <T>(fn: () => T): { seconds: number; result: T } => {
    collect();
    const t0 = cpuSeconds();
    const result = fn();
    return { seconds: cpuSeconds() - t0, result };
  };
  let ra = timed(a),
    rb = timed(b);
  let sa = Infinity,
    sb = Infinity;
  for (let i = 0; i < reps; i++) {
    ra = timed(a);
    sa = Math.min(sa, ra.seconds);
    rb = timed(b);
    sb = Math.min(sb, rb.seconds);
  }
  return { a: { seconds: sa, result: ra.result }, b: { seconds: sb, result: rb.result } };
}
