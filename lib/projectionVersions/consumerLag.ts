import type { Admin } from 'kafkajs';

/** How far a consumer group is behind on one partition of a topic. */
export interface GroupPartitionLag {
  readonly partition: number;
  /** The group's committed offset; `-1` when it has none yet. */
  readonly committed: string;
  readonly high: string;
  /** Records between the committed offset (or the log start, without one) and the high watermark. */
  readonly lag: number;
}

/**
 * The lag of `groupId` on every partition of `topic`: the high watermark minus the committed
 * offset. Measured on the broker through the admin API, so it works alike for the local emulator's
 * groups and for MSK event source mappings (whose consumer group id is the mapping's). A version
 * may be cut over only when this is 0 everywhere.
 *
 * @example
 * const lags = await consumerLag(admin, 'order-views-v2', 'orders');
 * const caughtUp = lags.every((p) => p.lag === 0);
 */
export async function consumerLag(
  admin: Pick<Admin, 'fetchTopicOffsets' | 'fetchOffsets'>,
  groupId: string,
  topic: string,
): Promise<GroupPartitionLag[]> {
  const [bounds, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committedOf = new Map(
    committed.flatMap((entry) => entry.partitions.map((p) => [p.partition, p.offset] as const)),
  );
  return bounds
    .map(({ partition, low, high }) => {
      const offset = committedOf.get(partition) ?? '-1';
      const from = BigInt(offset) >= 0n ? BigInt(offset) : BigInt(low);
      return { partition, committed: offset, high, lag: Number(BigInt(high) - from) };
    })
    .sort((a, b) => a.partition - b.partition);
}

/** Records left over every partition. */
export const totalLag = (lags: readonly GroupPartitionLag[]): number =>
  lags.reduce((sum, p) => sum + p.lag, 0);
