import { Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import type { LogRecord } from './eventLog';
import type { ConnectProducer } from './transactionalProducer';

export interface KafkajsProducerSettings {
  /** The client, or a factory for it (on AWS the brokers are looked up asynchronously, once). */
  kafka: Kafka | (() => Promise<Kafka>);
  /** Broker-side bound on an open transaction; see docs/PROTOCOL.md for choosing it. */
  transactionTimeoutMs?: number;
  /** kafkajs retries per request; kept low so an outage fails a command fast (503) instead of hanging. */
  retries?: number;
}

/**
 * Connects kafkajs transactional producers: idempotent, acks=all, max one in-flight request (so
 * retries cannot reorder), partitioned by Java's murmur2 on the key.
 *
 * @example
 * const connect = kafkajsProducer({ kafka: testKafka() });
 */
export function kafkajsProducer(settings: KafkajsProducerSettings): ConnectProducer {
  return async (transactionalId) => {
    const kafka = typeof settings.kafka === 'function' ? await settings.kafka() : settings.kafka;
    const producer = kafka.producer({
      transactionalId,
      // Java's murmur2 on the key: an aggregate's events land where any Kafka client would put them.
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: settings.transactionTimeoutMs ?? 30_000,
      // Back-to-back transactions meet CONCURRENT_TRANSACTIONS while the coordinator writes the previous
      // markers; kafkajs's default 300 ms first backoff would dominate the command latency.
      // kafkajs warns that finite retries "may invalidate EoS guarantees": a send given up half-way
      // can leave a sequence gap. Not here: a failed send aborts its transaction and the producer is
      // replaced (new epoch, sequences from zero), and the records stay pending in the head.
      retry: { retries: settings.retries ?? 5, initialRetryTime: 10, maxRetryTime: 1_000 },
    });
    await initialise(producer).catch(async (error: unknown) => {
      await producer.disconnect().catch(() => undefined);
      throw error;
    });
    return {
      begin: async () => {
        const transaction = await producer.transaction();
        return {
          send: async (records) => void (await transaction.sendBatch({ topicMessages: byTopic(records) })),
          commit: () => transaction.commit(),
          abort: () => transaction.abort(),
        };
      },
      close: () => producer.disconnect(),
    };
  };
}

function byTopic(records: readonly LogRecord[]): TopicMessages[] {
  const topics = new Map<string, TopicMessages>();
  for (const record of records) {
    let entry = topics.get(record.topic);
    if (!entry) {
      entry = { topic: record.topic, messages: [] };
      topics.set(record.topic, entry);
    }
    entry.messages.push({ key: record.key, value: record.value, headers: { ...record.headers } });
  }
  return [...topics.values()];
}

/**
 * Connects and obtains the transactional producer id and epoch. kafkajs would ask the coordinator
 * (InitProducerId) on the first transaction(); asking here keeps that request in the connecting
 * phase, which a deadline leaves to finish for the next append. A producer discarded during its
 * first transaction() would otherwise get its epoch later than its replacement, fence it, and
 * make it fail in turn: seen as a train of "old epoch" failures after a cluster broker died.
 */
async function initialise(producer: Producer): Promise<void> {
  await producer.connect();
  const empty = await producer.transaction();
  await empty.abort(); // nothing was added: kafkajs ends it locally, without a request
}
