import { Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import type { LogRecord } from './eventLog';
import { EventLogError } from './eventLog';

export interface ProducerSettings {
  /** The client, or a factory for it (on AWS the brokers are looked up asynchronously, once). */
  kafka: Kafka | (() => Promise<Kafka>);
  /** Broker-side bound on an open transaction; see docs/PROTOCOL.md for choosing it. */
  transactionTimeoutMs?: number;
  /** kafkajs retries per request; kept low so an outage fails a command fast (503) instead of hanging. */
  retries?: number;
  /**
   * Bound on one whole append (waiting for a producer, connecting, sending, committing), so the
   * command answers before the function times out: `aborted` if nothing was sent yet, else
   * `unknown` with the producer discarded. Choose it below the function timeout minus the command's
   * DynamoDB calls. Default: none.
   */
  appendTimeoutMs?: number;
}

/** How far one append got: a deadline before the transaction began has sent nothing. */
interface Attempt {
  began: boolean;
  cancelled: boolean;
}

/**
 * One transactional producer, connected on first use and replaced after any failure whose outcome
 * leaves it in doubt. A commit whose outcome is unknown discards the producer instead of aborting:
 * aborting could race a commit the coordinator already accepted. The replacement reuses the
 * transactional id, so its initialisation fences the old producer and lets the coordinator finish
 * the old transaction first.
 */
export class ProducerSlot {
  private producer: Promise<Producer> | undefined;

  constructor(
    private readonly options: ProducerSettings,
    private readonly transactionalId: string,
  ) {}

  /**
   * Appends in one transaction. Past `until` (epoch ms): if the transaction had begun, the outcome
   * is unknown and the producer is discarded; if it was still connecting, nothing is sent
   * (aborted) and the connection carries on for the next append — discarding it would make every
   * later append start connecting again, and time out again, for as long as the cluster is slow.
   */
  async append(records: readonly LogRecord[], until?: number): Promise<void> {
    if (until === undefined) return this.appendInTransaction(records, this.connected());
    const producer = this.connected();
    const attempt: Attempt = { began: false, cancelled: false };
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.expire(producer, attempt)), until - Date.now());
    });
    try {
      return await Promise.race([this.appendInTransaction(records, producer, attempt), expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await producer.then((p) => p.disconnect()).catch(() => undefined);
  }

  private expire(producer: Promise<Producer>, attempt: Attempt): EventLogError {
    const limit = `${this.options.appendTimeoutMs} ms`;
    if (!attempt.began) {
      attempt.cancelled = true;
      return new EventLogError('aborted', `could not connect to Kafka within ${limit}; nothing was sent`);
    }
    // The transaction may still commit: its producer is fenced by the next one this slot makes.
    attempt.cancelled = true;
    this.discard(producer);
    return new EventLogError('unknown', `the Kafka append took longer than ${limit}`);
  }

  private async appendInTransaction(
    records: readonly LogRecord[],
    connecting: Promise<Producer>,
    attempt: Attempt = { began: false, cancelled: false },
  ): Promise<void> {
    const producer = await connecting;
    if (attempt.cancelled) throw new EventLogError('aborted', 'the append was given up while connecting');
    attempt.began = true;
    const transaction = await producer.transaction().catch((error: unknown) => {
      this.discard(connecting);
      throw new EventLogError('aborted', 'could not begin a Kafka transaction', { cause: error });
    });
    try {
      await transaction.sendBatch({ topicMessages: byTopic(records) });
      // Given up on meanwhile (the caller was told "unknown"): do not commit from a discarded producer.
      if (attempt.cancelled) throw new EventLogError('aborted', 'the append was given up while sending');
    } catch (error) {
      // Abort, so readers of the partitions are not held until the transaction times out; then drop
      // the producer whatever the abort said: after a failed send kafkajs can keep a producer whose
      // epoch the coordinator has moved past (a transaction it expired while a broker was down),
      // and every later send on it fails the same way (863 times in one cluster run).
      await transaction.abort().catch(() => undefined);
      this.discard(connecting);
      throw new EventLogError('aborted', 'could not send to Kafka; transaction aborted', { cause: error });
    }
    try {
      await transaction.commit();
    } catch (error) {
      this.discard(connecting);
      throw new EventLogError('unknown', 'Kafka commit failed; its outcome is unknown', { cause: error });
    }
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
        // Java's murmur2 on the key: an aggregate's events land where any Kafka client would put them.
        createPartitioner: Partitioners.DefaultPartitioner,
        idempotent: true,
        maxInFlightRequests: 1,
        transactionTimeout: this.options.transactionTimeoutMs ?? 30_000,
        // Back-to-back transactions meet CONCURRENT_TRANSACTIONS while the coordinator writes the previous
        // markers; kafkajs's default 300 ms first backoff would dominate the command latency.
        // kafkajs warns that finite retries "may invalidate EoS guarantees": a send given up half-way
        // can leave a sequence gap. Not here: a failed send aborts its transaction and the producer is
        // replaced (new epoch, sequences from zero), and the records stay pending in the head.
        retry: { retries: this.options.retries ?? 5, initialRetryTime: 10, maxRetryTime: 1_000 },
      });
      await initialise(producer).catch(async (error: unknown) => {
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
