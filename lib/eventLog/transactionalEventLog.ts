import { randomUUID } from 'node:crypto';
import type { EventLog } from './eventLog';
import { EventLogError } from './eventLog';
import { AppendQueue } from './appendQueue';
import { ProducerSlot } from './producerSlot';
import type { ConnectProducer } from './transactionalProducer';

/** What every Kafka adapter of {@link EventLog} shares, whichever client connects its producers. */
export interface PoolOptions {
  /** Prefix of the transactional ids; each gets `-<environment id>-<slot>` appended. */
  transactionalIdPrefix: string;
  /** Producers (and so concurrent transactions) in this process; 1 in a Lambda environment. */
  poolSize?: number;
  /**
   * Bound on one whole append (waiting for a producer, connecting, sending, committing), so the
   * command answers before the function times out: `aborted` if nothing was sent yet, else
   * `unknown` with the producer discarded. Choose it below the function timeout minus the command's
   * DynamoDB calls. Default: none.
   */
  appendTimeoutMs?: number;
}

// Unique per execution environment: two concurrently running environments sharing a transactional
// id would fence each other on every cold start.
const environmentId = randomUUID().slice(0, 8);

/**
 * An {@link EventLog} on a pool of {@link ProducerSlot}s whose producers `connect` makes: each append
 * is part of one transaction; appends that wait for a producer share its next transaction
 * ({@link AppendQueue}). The Kafka adapters (kafkaEventLog.ts, platformaticEventLog.ts) are this
 * with their client's `connect`.
 *
 * @example
 * const log = createTransactionalEventLog(kafkajsProducer({ kafka }), { transactionalIdPrefix: 'orders' });
 */
export function createTransactionalEventLog(connect: ConnectProducer, options: PoolOptions): EventLog {
  const timeoutMs = options.appendTimeoutMs;
  const slots = Array.from(
    { length: options.poolSize ?? 1 },
    (_, index) =>
      new ProducerSlot(connect, `${options.transactionalIdPrefix}-${environmentId}-${index}`, timeoutMs),
  );
  const queue = new AppendQueue(slots, (slot, records, until) => slot.append(records, until), {
    waitedTooLong: () =>
      new EventLogError('aborted', `no Kafka producer was free within ${timeoutMs} ms; nothing was sent`),
  });
  return {
    // The deadline covers the wait for a free producer too (several commands in one process).
    append: (records) => queue.append(records, timeoutMs === undefined ? undefined : Date.now() + timeoutMs),
    close: async () => {
      await Promise.all(slots.map((slot) => slot.close()));
    },
  };
}
