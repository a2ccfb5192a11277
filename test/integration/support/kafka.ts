import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { uniqueName } from './names';

/** The broker list the global setup exported (or the one the developer pointed us at). */
export function brokers(): string[] {
  const list = process.env.KAFKA_BROKERS;
  if (!list) throw new Error('KAFKA_BROKERS is not set: run integration tests through jest (global setup)');
  return list.split(',');
}

export function testKafka(clientId = 'integration-test'): Kafka {
  return new Kafka({ clientId, brokers: brokers(), logLevel: logLevel.NOTHING });
}

/** Creates a fresh topic and waits until its partitions have leaders. */
export async function createTopic(prefix: string, numPartitions = 1): Promise<string> {
  const topic = uniqueName(prefix);
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

export interface ConsumeOptions {
  readUncommitted?: boolean;
  /** Read until this holds for the messages seen so far (in arrival order). */
  until: (seen: ConsumedMessage[]) => boolean;
  timeoutMs?: number;
}

/**
 * Reads a topic from the beginning with a brand-new consumer group until `until` holds.
 * To prove a record is absent, produce a committed marker after it and read until the marker:
 * partitions are read in order, so anything visible before the marker has been seen by then.
 */
/** A consumed record and the partition it came from. */
export type ConsumedMessage = KafkaMessage & { readonly partition: number };

export async function consumeFromStart(topic: string, options: ConsumeOptions): Promise<ConsumedMessage[]> {
  const consumer = testKafka().consumer({
    groupId: uniqueName('group'),
    readUncommitted: options.readUncommitted ?? false,
    maxWaitTimeInMs: 100,
  });
  const seen: ConsumedMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? 20_000;
      const timer = setTimeout(
        () => reject(new Error(`${topic}: condition not met after ${timeoutMs} ms; saw ${seen.length}`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: ({ partition, message }) => {
            seen.push({ ...message, partition });
            if (options.until(seen)) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}
