import { randomUUID } from 'node:crypto';
import type { EventLog } from './eventLog';
import { EventLogError } from './eventLog';
import { AppendQueue } from './appendQueue';
import { ProducerSlot, type ProducerSettings } from './producerSlot';

export interface KafkaEventLogOptions extends ProducerSettings {
  /** Prefix of the transactional ids; each gets `-<environment id>-<slot>` appended. */
  transactionalIdPrefix: string;
  /** Producers (and so concurrent transactions) in this process; 1 in a Lambda environment. */
  poolSize?: number;
}

// Unique per execution environment: two concurrently running environments sharing a transactional
// id would fence each other on every cold start.
const environmentId = randomUUID().slice(0, 8);

/**
 * The Kafka adapter of {@link EventLog}: each append is part of one transaction of an idempotent
 * producer (acks=all, max one in-flight request, so retries cannot reorder), from a pool of
 * {@link ProducerSlot}s; appends that wait for a producer share its next transaction
 * ({@link AppendQueue}).
 */
export function createKafkaEventLog(options: KafkaEventLogOptions): EventLog {
  const slots = Array.from(
    { length: options.poolSize ?? 1 },
    (_, index) => new ProducerSlot(options, `${options.transactionalIdPrefix}-${environmentId}-${index}`),
  );
  const timeoutMs = options.appendTimeoutMs;
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
