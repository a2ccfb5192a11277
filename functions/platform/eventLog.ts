import type { EventLog } from '../../lib/eventLog/eventLog';
import { createKafkaEventLog } from '../../lib/eventLog/kafkaEventLog';
import { createPlatformaticEventLog } from '../../lib/eventLog/platformaticEventLog';
import { getConfig } from './config';
import { getKafka } from './kafka';
import { getPlatformaticConnection } from './platformaticKafka';
import { perEnvironment } from './platform';

/**
 * The Kafka event log commands append to: a pool of transactional producers, ids per function, on
 * the client `KAFKA_CLIENT` names (docs/BENCHMARKS.md, B1).
 */
export const getEventLog = perEnvironment(
  (): EventLog => {
    const config = getConfig();
    const pool = {
      transactionalIdPrefix: `${config.KAFKA_TRANSACTIONAL_ID_PREFIX}-${config.AWS_LAMBDA_FUNCTION_NAME}`,
      poolSize: config.KAFKA_PRODUCER_POOL_SIZE,
      transactionTimeoutMs: config.KAFKA_TRANSACTION_TIMEOUT_MS,
      ...(config.KAFKA_APPEND_TIMEOUT_MS ? { appendTimeoutMs: config.KAFKA_APPEND_TIMEOUT_MS } : {}),
    };
    switch (config.KAFKA_CLIENT) {
      case 'kafkajs':
        return createKafkaEventLog({ ...pool, kafka: getKafka });
      case 'platformatic':
        return createPlatformaticEventLog({ ...pool, connection: getPlatformaticConnection });
      default: {
        const unknown: never = config.KAFKA_CLIENT;
        throw new Error(`unknown KAFKA_CLIENT ${String(unknown)}`);
      }
    }
  },
  (eventLog) => eventLog.close(),
);
