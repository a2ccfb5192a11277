import type { Admin } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LogBounds } from './logBounds';

/** How far a consumer group is behind on one partition. */
export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  /** The group's committed offset, `-1` when it has none. */
  readonly committed: string;
  readonly stable: string;
  readonly high: string;
  /** Readable records not yet committed: last stable offset minus committed offset. */
  readonly lag: number;
  /** Records not yet readable (open transaction, or markers being written): high minus stable. */
  readonly unstable: number;
}

/**
 * The lag of `groupId` on every partition of `topics`, measured on the broker. A partition without
 * a committed offset counts from the log start (the emulator commits its starting position early).
 */
export async function measureLag(
  admin: Pick<Admin, 'fetchOffsets'>,
  bounds: Pick<LogBounds, 'read'>,
  groupId: string,
  topics: readonly string[],
): Promise<PartitionLag[]> {
  const [partitions, committed] = await Promise.all([
    bounds.read(topics),
    admin.fetchOffsets({ groupId, topics: [...topics] }),
  ]);
  const committedOf = new Map(
    committed.flatMap(({ topic, partitions }) =>
      partitions.map((p) => [`${topic}-${p.partition}`, p.offset]),
    ),
  );
  return partitions.map(({ topic, partition, low, stable, high }) => {
    const offset = committedOf.get(`${topic}-${partition}`) ?? '-1';
    const from = BigInt(offset) >= 0n ? BigInt(offset) : BigInt(low);
    const lag = Number(BigInt(stable) - from);
    return {
      topic,
      partition,
      committed: offset,
      stable,
      high,
      lag,
      unstable: Number(BigInt(high) - BigInt(stable)),
    };
  });
}

export interface IdleProbe {
  readonly admin: Pick<Admin, 'fetchOffsets'>;
  readonly bounds: Pick<LogBounds, 'read'>;
  readonly groupId: string;
  readonly topics: readonly string[];
  /** True while an invocation is in flight. */
  readonly busy: () => boolean;
  /** Default {@link OPEN_TRANSACTION_GRACE_MS}. */
  readonly graceMs?: number;
}

const POLL_MS = 50;
// Commit markers land within milliseconds of `commit()` returning; a stable offset that stays
// behind the high watermark longer than this is an open (or abandoned) transaction, whose records
// no read_committed consumer can read yet, so it does not count as work left.
export const OPEN_TRANSACTION_GRACE_MS = 1000;

/**
 * Polls until, on every partition, the group has committed up to the last stable offset, and no
 * invocation is in flight. A partition whose stable offset trails its high watermark (a
 * transaction just committed whose markers are still being written) is waited for, unless it stays
 * so for {@link OPEN_TRANSACTION_GRACE_MS}. Rejects after `timeoutMs` with the lagging partitions.
 */
export async function waitForIdle(probe: IdleProbe, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const unstableSince = new Map<string, { stable: string; since: number }>();
  let state = 'not measured';
  for (;;) {
    try {
      const lags = await measureLag(probe.admin, probe.bounds, probe.groupId, probe.topics);
      const busy = probe.busy();
      const graceMs = probe.graceMs ?? OPEN_TRANSACTION_GRACE_MS;
      const waiting = lags.filter((l) => l.lag > 0 || unsettled(l, unstableSince, graceMs));
      if (!busy && waiting.length === 0) return;
      state = `${waiting.map(describe).join('; ') || 'caught up'}${busy ? '; an invocation is in flight' : ''}`;
    } catch (error) {
      state = `lag unknown (${error instanceof Error ? error.message : String(error)})`;
    }
    if (Date.now() >= deadline) {
      throw new Error(`group ${probe.groupId} not idle after ${timeoutMs} ms: ${state}`);
    }
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
}

function unsettled(
  lag: PartitionLag,
  unstableSince: Map<string, { stable: string; since: number }>,
  graceMs: number,
): boolean {
  const key = `${lag.topic}-${lag.partition}`;
  if (lag.unstable <= 0) {
    unstableSince.delete(key);
    return false;
  }
  const seen = unstableSince.get(key);
  if (!seen || seen.stable !== lag.stable) {
    unstableSince.set(key, { stable: lag.stable, since: Date.now() });
    return true;
  }
  return Date.now() - seen.since < graceMs;
}

function describe(l: PartitionLag): string {
  const transaction = l.unstable > 0 ? `, ${l.unstable} past it in an open transaction` : '';
  return `${l.topic}-${l.partition}: committed ${l.committed}, last stable ${l.stable} (lag ${l.lag})${transaction}`;
}
