import type { Kafka } from 'kafkajs';
import { CeHeader } from '../../lib/envelope/headers';

/** How many times each aggregate version of each key appears in the log: key → version → records. */
export type VersionCounts = Map<string, Map<number, number>>;

const TIMEOUT_MS = 30_000;

/**
 * Reads a topic from offset 0 (new group, read_committed) until `expected` records keyed by one of
 * `keys` were seen, and counts them by aggregate version (the `ce_aggregateversion` header). Other
 * keys are skipped. Fails after 30 s, naming how many were seen.
 */
export async function versionCounts(
  kafka: Kafka,
  topic: string,
  groupId: string,
  keys: readonly string[],
  expected: number,
): Promise<VersionCounts> {
  const counts: VersionCounts = new Map(keys.map((key) => [key, new Map<number, number>()]));
  let seen = 0;
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${seen} of ${expected} records of ${keys.join(', ')} back`)),
        TIMEOUT_MS,
      );
      consumer
        .run({
          autoCommit: false,
          eachBatch: ({ batch }) => {
            for (const message of batch.messages) {
              const versions = counts.get(message.key?.toString() ?? '');
              const header = message.headers?.[CeHeader.aggregateVersion];
              if (!versions || header === undefined) continue;
              const version = Number(String(Array.isArray(header) ? header[0] : header));
              versions.set(version, (versions.get(version) ?? 0) + 1);
              seen += 1;
            }
            if (seen >= expected) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
    return counts;
  } finally {
    await consumer.disconnect();
  }
}
