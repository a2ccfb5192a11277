import type { GroupPartitionLag } from './consumerLag';

/**
 * Whether a version being built has caught up with the live one: on every partition it has
 * nothing left to read, or it has committed at least as far as the live version. The second half
 * matters under load (the live version is never at lag 0 either) and on transactional topics,
 * where a log ending in a commit marker leaves every consumer one offset short of the high
 * watermark. Either way, cutting over then never shows a query an older answer than it had.
 *
 * @example
 * if (caughtUp(await consumerLag(admin, 'order-views-v2', 'orders'), await consumerLag(admin, 'order-views', 'orders'))) …
 */
export function caughtUp(
  candidate: readonly GroupPartitionLag[],
  live: readonly GroupPartitionLag[] = [],
): boolean {
  const liveOf = new Map(live.map((p) => [p.partition, p]));
  return candidate.every((p) => {
    if (p.lag === 0) return true;
    const reference = liveOf.get(p.partition);
    return (
      !!reference && BigInt(reference.committed) >= 0n && BigInt(p.committed) >= BigInt(reference.committed)
    );
  });
}

/**
 * Whether a copy as of an instant has read everything it needs: on every partition, the end
 * offset the log had when the build began (later records are all after the instant).
 */
export function reachedEnd(
  candidate: readonly GroupPartitionLag[],
  endOffsets: Readonly<Record<string, string>>,
): boolean {
  return candidate.every((p) => {
    const end = BigInt(endOffsets[String(p.partition)] ?? '0');
    // No commit yet: done only if there was nothing to read.
    return BigInt(p.committed) >= end || (BigInt(p.committed) < 0n && end === 0n) || p.lag === 0;
  });
}

/** A rebuild's progress between two samples of what it has left. */
export interface RebuildRate {
  /** Events applied per second since the previous sample (never negative). */
  readonly eventsPerSecond: number;
  /** Seconds left at that rate; undefined while the rate is 0. */
  readonly etaSeconds: number | undefined;
  /** Share done (0–1) of what there was to read at the start. */
  readonly done: number;
}

/**
 * Rate, ETA and share done from the lag at the start, the previous sample and now.
 *
 * @example
 * const rate = rebuildRate({ total: 100_000, previous: { at: 0, left: 100_000 }, now: { at: 1000, left: 90_000 } });
 * // { eventsPerSecond: 10000, etaSeconds: 9, done: 0.1 }
 */
export function rebuildRate(sample: {
  readonly total: number;
  readonly previous: { readonly at: number; readonly left: number };
  readonly now: { readonly at: number; readonly left: number };
}): RebuildRate {
  const seconds = Math.max(0.001, (sample.now.at - sample.previous.at) / 1000);
  const eventsPerSecond = Math.max(0, (sample.previous.left - sample.now.left) / seconds);
  const etaSeconds = eventsPerSecond > 0 ? sample.now.left / eventsPerSecond : undefined;
  const done =
    sample.total > 0 ? Math.min(1, Math.max(0, (sample.total - sample.now.left) / sample.total)) : 1;
  return { eventsPerSecond, etaSeconds, done };
}
