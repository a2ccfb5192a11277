/** Summary statistics over the repeated runs of one measurement. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/**
 * The p-th percentile (0..100) by the nearest-rank method: always one of the samples, so a p99 of
 * 200 samples is the 198th smallest, not an interpolation between two of them.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const ordered = sorted(values);
  const rank = Math.ceil((p / 100) * ordered.length);
  return ordered[Math.min(ordered.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const ordered = sorted(values);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 === 1 ? ordered[middle]! : (ordered[middle - 1]! + ordered[middle]!) / 2;
}

export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Milliseconds since an arbitrary origin, sub-millisecond resolution. */
export function nowMs(): number {
  return performance.now();
}

/** Runs `work` and returns how long it took in milliseconds along with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = nowMs();
  const value = await work();
  return { ms: nowMs() - started, value };
}
