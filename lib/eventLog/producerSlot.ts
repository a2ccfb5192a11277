import type { LogRecord } from './eventLog';
import { EventLogError } from './eventLog';
import type { ConnectProducer, TransactionalProducer } from './transactionalProducer';

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
 * the old transaction first. Client-agnostic: the client is behind {@link ConnectProducer}.
 */
export class ProducerSlot {
  private producer: Promise<TransactionalProducer> | undefined;

  /** `appendTimeoutMs` only names the limit in error messages; the deadline is each append's `until`. */
  constructor(
    private readonly connect: ConnectProducer,
    private readonly transactionalId: string,
    private readonly appendTimeoutMs?: number,
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
    if (producer) await producer.then((p) => p.close()).catch(() => undefined);
  }

  private expire(producer: Promise<TransactionalProducer>, attempt: Attempt): EventLogError {
    const limit = `${this.appendTimeoutMs} ms`;
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
    connecting: Promise<TransactionalProducer>,
    attempt: Attempt = { began: false, cancelled: false },
  ): Promise<void> {
    const producer = await connecting;
    if (attempt.cancelled) throw new EventLogError('aborted', 'the append was given up while connecting');
    attempt.began = true;
    const transaction = await producer.begin().catch((error: unknown) => {
      this.discard(connecting);
      throw new EventLogError('aborted', 'could not begin a Kafka transaction', { cause: error });
    });
    try {
      await transaction.send(records);
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

  private connected(): Promise<TransactionalProducer> {
    this.producer ??= this.connectOnce();
    return this.producer;
  }

  private async connectOnce(): Promise<TransactionalProducer> {
    try {
      return await this.connect(this.transactionalId);
    } catch (error) {
      // Not cached: the next append tries again (e.g. after a broker restart or a failed lookup).
      this.producer = undefined;
      throw new EventLogError('aborted', 'could not connect a transactional producer', { cause: error });
    }
  }

  /** Drops `producer` unless it was already replaced (an append that outlived its deadline). */
  private discard(producer: Promise<TransactionalProducer>): void {
    if (this.producer === producer) this.producer = undefined;
    void producer.then((p) => p.close()).catch(() => undefined);
  }
}
