import { randomUUID } from 'node:crypto';
import type { EventLog } from './eventLog';
import { EventLogError } from './eventLog';
import { SlotPool } from './producerPool';
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
 * The Kafka adapter of {@link EventLog}: each append is one transaction of an idempotent producer
 * (acks=all, max one in-flight request, so retries cannot reorder), from a pool of
 * {@link ProducerSlot}s.
 */
export function createKafkaEventLog(options: KafkaEventLogOptions): EventLog {
  const slots = Array.from(
    { length: options.poolSize ?? 1 },
    (_, index) => new ProducerSlot(options, `${options.transactionalIdPrefix}-${environmentId}-${index}`),
  );
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
