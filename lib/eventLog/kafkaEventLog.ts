import { randomUUID } from 'node:crypto';
import type { Kafka, Producer, TopicMessages } from 'kafkajs';
import type { EventLog, LogRecord } from './eventLog';
import { EventLogError } from './eventLog';
import { SlotPool } from './producerPool';

export interface KafkaEventLogOptions {
  /** The client, or a factory for it (on AWS the brokers are looked up asynchronously, once). */
  kafka: Kafka | (() => Promise<Kafka>);
  /** Prefix of the transactional ids; each gets `-<environment id>-<slot>` appended. */
  transactionalIdPrefix: string;
  /** Producers (and so concurrent transactions) in this process; 1 in a Lambda environment. */
  poolSize?: number;
  /** Broker-side bound on an open transaction; see docs/PROTOCOL.md for choosing it. */
  transactionTimeoutMs?: number;
  /** kafkajs retries per request; kept low so an outage fails a command fast (503) instead of hanging. */
  retries?: number;
  /**
   * Bound on one whole append (connect, begin, send, commit). Past it the append fails with an
   * `unknown` outcome and its producer is discarded, so the command answers before the function
   * times out. Choose it below the function timeout minus the command's DynamoDB calls. Default: none.
   */
  appendTimeoutMs?: number;
}

// Unique per execution environment: two concurrently running environments sharing a transactional
// id would fence each other on every cold start.
const environmentId = randomUUID().slice(0, 8);

/**
 * The Kafka adapter of {@link EventLog}: each append is one transaction of an idempotent producer
 * (acks=all, max one in-flight request, so retries cannot reorder).
 *
 * A commit whose outcome is unknown discards the producer instead of aborting: aborting could race
 * a commit the coordinator already accepted. The replacement reuses the transactional id, so its
 * initialisation fences the old producer and lets the coordinator finish the old transaction first.
 */
export function createKafkaEventLog(options: KafkaEventLogOptions): EventLog {
  const slots = Array.from({ length: options.poolSize ?? 1 }, (_, index) => new ProducerSlot(options, index));
  const pool = new SlotPool(slots);
  return {
    append: (records) => {
      const timeoutMs = options.appendTimeoutMs;
      if (timeoutMs === undefined) return pool.use((slot) => slot.append(records));
      // The deadline covers the wait for a free producer too (several commands in one process).
      const until = Date.now() + timeoutMs;
      const error = () =>
        new EventLogError('aborted', `no Kafka producer was free within ${timeoutMs} ms; nothing was sent`);
      return pool.use((slot) => slot.append(records, until), { until, error });
    },
    close: async () => {
      await Promise.all(slots.map((slot) => slot.close()));
    },
  };
}

class ProducerSlot {
  private producer: Promise<Producer> | undefined;
  private readonly transactionalId: string;

  constructor(
    private readonly options: KafkaEventLogOptions,
    index: number,
  ) {
    this.transactionalId = `${options.transactionalIdPrefix}-${environmentId}-${index}`;
  }

  /** Appends in one transaction; past `until` (epoch ms) the outcome is reported unknown. */
  async append(records: readonly LogRecord[], until?: number): Promise<void> {
    if (until === undefined) return this.appendInTransaction(records);
    const producer = this.connected();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // The transaction may still commit: its producer is fenced by the next one this slot makes.
        this.discard(producer);
        reject(
          new EventLogError(
            'unknown',
            `the Kafka append took longer than ${this.options.appendTimeoutMs} ms`,
          ),
        );
      }, until - Date.now());
    });
    try {
      return await Promise.race([this.appendInTransaction(records, producer), expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async appendInTransaction(
    records: readonly LogRecord[],
    connecting = this.connected(),
  ): Promise<void> {
    const producer = await connecting;
    const transaction = await producer.transaction().catch((error: unknown) => {
      this.discard(connecting);
      throw new EventLogError('aborted', 'could not begin a Kafka transaction', { cause: error });
    });
    try {
      await transaction.sendBatch({ topicMessages: byTopic(records) });
    } catch (error) {
      await transaction.abort().catch(() => this.discard(connecting));
      throw new EventLogError('aborted', 'could not send to Kafka; transaction aborted', { cause: error });
    }
    try {
      await transaction.commit();
    } catch (error) {
      this.discard(connecting);
      throw new EventLogError('unknown', 'Kafka commit failed; its outcome is unknown', { cause: error });
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await producer.then((p) => p.disconnect()).catch(() => undefined);
  }

  private connected(): Promise<Producer> {
    this.producer ??= this.connect();
    return this.producer;
  }

  private async connect(): Promise<Producer> {
    try {
      const kafka =
        typeof this.options.kafka === 'function' ? await this.options.kafka() : this.options.kafka;
      const producer = kafka.producer({
        transactionalId: this.transactionalId,
        idempotent: true,
        maxInFlightRequests: 1,
        transactionTimeout: this.options.transactionTimeoutMs ?? 30_000,
        // Back-to-back transactions meet CONCURRENT_TRANSACTIONS while the coordinator writes the previous
        // markers; kafkajs's default 300 ms first backoff would dominate the command latency.
        retry: { retries: this.options.retries ?? 5, initialRetryTime: 10, maxRetryTime: 1_000 },
      });
      await producer.connect().catch(async (error: unknown) => {
        await producer.disconnect().catch(() => undefined);
        throw error;
      });
      return producer;
    } catch (error) {
      // Not cached: the next append tries again (e.g. after a broker restart or a failed lookup).
      this.producer = undefined;
      throw new EventLogError('aborted', 'could not connect a transactional producer', { cause: error });
    }
  }

  /** Drops `producer` unless it was already replaced (an append that outlived its deadline). */
  private discard(producer: Promise<Producer>): void {
    if (this.producer === producer) this.producer = undefined;
    void producer.then((p) => p.disconnect()).catch(() => undefined);
  }
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
