import type { EventLog } from './eventLog';
import { platformaticProducer, type PlatformaticProducerSettings } from './platformaticProducer';
import { createTransactionalEventLog, type PoolOptions } from './transactionalEventLog';

export interface PlatformaticEventLogOptions extends PlatformaticProducerSettings, PoolOptions {}

/**
 * The @platformatic/kafka adapter of {@link EventLog}, with the kafkajs adapter's semantics: each
 * append is part of one transaction of an idempotent producer from a pool
 * ({@link createTransactionalEventLog}). `KAFKA_CLIENT` chooses between them (lib/config).
 *
 * @example
 * const log = createPlatformaticEventLog({ connection, transactionalIdPrefix: 'orders', appendTimeoutMs: 7_000 });
 */
export function createPlatformaticEventLog(options: PlatformaticEventLogOptions): EventLog {
  return createTransactionalEventLog(platformaticProducer(options), options);
}
