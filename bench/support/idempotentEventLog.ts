import type { Kafka, Producer } from 'kafkajs';
import type { EventLog, LogRecord } from '../../lib/eventLog/eventLog';
import { EventLogError } from '../../lib/eventLog/eventLog';

/**
 * Bench-only {@link EventLog}: one kafkajs idempotent producer (acks=all, one request in flight),
 * each append one `sendBatch` without a transaction. For the command handler this is as atomic as
 * a transaction: every record of an append has the aggregate id as key, so they all go to one
 * partition in one record batch, which the broker appends whole or not at all.
 */
export function createIdempotentEventLog(kafka: Kafka): EventLog {
  let producer: Promise<Producer> | undefined;
  const connected = () => {
    producer ??= (async () => {
      const created = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        retry: { retries: 5, initialRetryTime: 10, maxRetryTime: 1_000 },
      });
      await created.connect();
      return created;
    })();
    return producer;
  };
  return {
    append: async (records: readonly LogRecord[]) => {
      const sender = await connected();
      try {
        await sender.sendBatch({ acks: -1, topicMessages: byTopic(records) });
      } catch (error) {
        throw new EventLogError('unknown', 'idempotent send failed', { cause: error });
      }
    },
    close: async () => {
      const current = producer;
      producer = undefined;
      if (current) await (await current).disconnect();
    },
  };
}

function byTopic(records: readonly LogRecord[]) {
  const topics = new Map<
    string,
    { topic: string; messages: { key: string; value: string; headers: Record<string, string> }[] }
  >();
  for (const record of records) {
    const entry = topics.get(record.topic) ?? { topic: record.topic, messages: [] };
    entry.messages.push({ key: record.key, value: record.value, headers: { ...record.headers } });
    topics.set(record.topic, entry);
  }
  return [...topics.values()];
}
