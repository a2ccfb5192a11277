import type { EventLog } from './eventLog';
import { kafkajsProducer, type KafkajsProducerSettings } from './kafkajsProducer';
import { createTransactionalEventLog, type PoolOptions } from './transactionalEventLog';

export interface KafkaEventLogOptions extends KafkajsProducerSettings, PoolOptions {}

/**
 * The kafkajs adapter of {@link EventLog}: each append is part of one transaction of an idempotent
 * producer from a pool ({@link createTransactionalEventLog}).
 *
 * @example
 * const log = createKafkaEventLog({ kafka: getKafka, transactionalIdPrefix: 'orders', appendTimeoutMs: 7_000 });
 */
export function createKafkaEventLog(options: KafkaEventLogOptions): EventLog {
  return createTransactionalEventLog(kafkajsProducer(options), options);
}
