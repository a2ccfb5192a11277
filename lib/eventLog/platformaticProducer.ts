import type * as Platformatic from '@platformatic/kafka' with { 'resolution-mode': 'import' };
import type { PlatformaticConnection } from '../kafka/platformaticConnection';
import type { LogRecord } from './eventLog';
import type { ConnectProducer } from './transactionalProducer';

export interface PlatformaticProducerSettings {
  /** Where the cluster is, or a factory for it (on AWS the brokers are looked up asynchronously, once). */
  connection: PlatformaticConnection | (() => Promise<PlatformaticConnection>);
  /** Broker-side bound on an open transaction; see docs/PROTOCOL.md for choosing it. */
  transactionTimeoutMs?: number;
  /** Retries per request; kept low so an outage fails a command fast (503) instead of hanging. */
  retries?: number;
}

// Loaded on first use: the package is ESM-only, which Node 22 requires synchronously (no top-level
// await in it), and an environment configured for kafkajs never pays for loading it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, see above
const load = () => require('@platformatic/kafka') as typeof Platformatic;

/**
 * Connects @platformatic/kafka transactional producers: idempotent, acks=all, partitioned by Java's
 * murmur2 on the key (its compatibility partitioner; the default one differs for negative hashes).
 * The producer caches its transaction coordinator, so a transaction costs AddPartitionsToTxn,
 * Produce and EndTxn — no FindCoordinator each time as with kafkajs (docs/BENCHMARKS.md, B1).
 *
 * @example
 * const connect = platformaticProducer({ connection: { clientId: 'x', bootstrapBrokers: ['localhost:9092'] } });
 */
export function platformaticProducer(settings: PlatformaticProducerSettings): ConnectProducer {
  return async (transactionalId) => {
    const { Producer, ProduceAcks, compatibilityPartitioner, stringSerializers } = load();
    const connection =
      typeof settings.connection === 'function' ? await settings.connection() : settings.connection;
    const producer = new Producer<string, string, string, string>({
      ...connection,
      transactionalId,
      idempotent: true,
      acks: ProduceAcks.ALL,
      partitioner: compatibilityPartitioner,
      serializers: stringSerializers,
      autocreateTopics: false,
      // The library sends `timeout` as InitProducerId's transaction timeout (and as Produce's
      // broker-side ack timeout); the client-side bound is the connection's requestTimeout.
      timeout: settings.transactionTimeoutMs ?? 30_000,
      retries: settings.retries ?? 5,
      // CONCURRENT_TRANSACTIONS meets back-to-back transactions while the coordinator writes the
      // previous markers, for a few ms; the library's fixed 1 s between retries would dominate a
      // command, and so did kafkajs's 10 ms first backoff (B1: p50 15 ms against 4). 2, 8, 32, 128,
      // 512 ms: short for the common case, still ~0.7 s in all for a coordinator moving.
      retryDelay: (_client, _operation, attempt) => Math.min(2 * 4 ** (attempt - 1), 1_000),
    });
    try {
      // FindCoordinator and InitProducerId now, in the connecting phase (see kafkajsProducer.ts,
      // initialise); cancel() ends the empty transaction locally, keeping the epoch. The explicit
      // "no producer yet" (-1, -1): the library sends (0, 0) otherwise, which the coordinator takes
      // for a stale producer — replacing a discarded producer whose transaction was open then failed
      // CONCURRENT_TRANSACTIONS, CONCURRENT_TRANSACTIONS, PRODUCER_FENCED (2.12.1).
      await (await producer.beginTransaction(noProducerYet)).cancel();
    } catch (error) {
      await producer.close(true).catch(() => undefined);
      throw error;
    }
    return {
      begin: async () => {
        const transaction = await producer.beginTransaction();
        return {
          send: async (records) => void (await transaction.send({ messages: records.map(toMessage) })),
          commit: () => answeredWithin(transaction.commit(), connection.requestTimeout ?? 3_000),
          abort: () => transaction.abort(),
        };
      },
      close: () => producer.close(true),
    };
  };
}

// EndTxn gets one request timeout, as with kafkajs: against a frozen coordinator the library goes
// on reconnecting and asking (6.1 s with a 3 s request timeout, past the 5 s a command may hang in
// docs/RELIABILITY.md, scenario 4). Unanswered, the commit's outcome is unknown: the slot discards
// the producer, and the successor's InitProducerId settles the transaction either way.
function answeredWithin(commit: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`EndTxn got no answer within ${ms} ms`)), ms);
  });
  return Promise.race([commit, late]).finally(() => clearTimeout(timer));
}

const noProducerYet = { producerId: -1n, producerEpoch: -1 };

function toMessage(record: LogRecord): Platformatic.MessageToProduce<string, string, string, string> {
  return { topic: record.topic, key: record.key, value: record.value, headers: { ...record.headers } };
}
