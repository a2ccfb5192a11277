import type { Kafka } from 'kafkajs';
import { fetchFrom, openCluster, type FetchCluster } from '../history/kafkaFetch';
import { storedLetterOf, type StoredLetter } from './parkedLetters';

/**
 * Every letter on the dead-letter topic, partition by partition in offset order, up to the end
 * each partition had when the read began. Fetched by offset from the leaders (no consumer group
 * to create and leave behind): an operator's read changes nothing.
 *
 * @example
 * const letters = await readLetters(kafka, config.DEAD_LETTER_TOPIC);
 */
export async function readLetters(kafka: Kafka, topic: string): Promise<StoredLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: { partition: number; low: string; high: string }[];
  try {
    ends = await admin.fetchTopicOffsets(topic);
  } finally {
    await admin.disconnect();
  }
  const cluster = await openCluster(kafka);
  try {
    const letters: StoredLetter[] = [];
    for (const end of ends.sort((a, b) => a.partition - b.partition)) {
      letters.push(...(await readPartition(cluster, topic, end)));
    }
    return letters;
  } finally {
    await cluster.disconnect();
  }
}

async function readPartition(
  cluster: FetchCluster,
  topic: string,
  { partition, low, high }: { partition: number; low: string; high: string },
): Promise<StoredLetter[]> {
  const letters: StoredLetter[] = [];
  const end = BigInt(high);
  let offset = BigInt(low);
  while (offset < end) {
    const records = await fetchFrom(cluster, { topic, partition, offset }, 1024 * 1024);
    if (records.length === 0) break; // only control records (or nothing) left before the end
    letters.push(...records.filter((r) => BigInt(r.offset) < end).map(storedLetterOf));
    offset = BigInt(records.at(-1)!.offset) + 1n;
  }
  return letters;
}
