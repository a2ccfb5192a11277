import { Kafka, logLevel, type Admin } from 'kafkajs';

/** A kafkajs client for the bench: quiet, short retries. */
export function benchKafka(brokers: readonly string[], clientId = 'bench'): Kafka {
  return new Kafka({ clientId, brokers: [...brokers], logLevel: logLevel.NOTHING });
}

/** Runs `work` with a connected admin client. */
export async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Creates a topic (event-log settings: nothing expires) unless it exists; waits for leaders. */
export async function ensureTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  await withAdmin(kafka, async (admin) => {
    if ((await admin.listTopics()).includes(topic)) return;
    await admin.createTopics({
      topics: [{ topic, numPartitions: partitions, configEntries: [{ name: 'retention.ms', value: '-1' }] }],
      waitForLeaders: true,
    });
  });
}

/** Records in the topic: the sum of high watermarks minus low watermarks (no transactions on it). */
export async function countRecords(kafka: Kafka, topic: string): Promise<number> {
  return withAdmin(kafka, async (admin) => {
    if (!(await admin.listTopics()).includes(topic)) return 0;
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0);
  });
}

/** Best-effort clean-up of what a scenario created on a (possibly borrowed) broker. */
export async function deleteTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  await withAdmin(kafka, (admin) => admin.deleteTopics({ topics: [...topics] })).catch(() => undefined);
}
