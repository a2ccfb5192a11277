import { createKafkaEventLog } from '../../lib/eventLog/kafkaEventLog';
import { getConfig } from './config';
import { getKafka } from './kafka';
import { perEnvironment } from './platform';

/** The Kafka event log commands append to: a pool of transactional producers, ids per function. */
export const getEventLog = perEnvironment(
  () => {
    const config = getConfig();
    return createKafkaEventLog({
      kafka: getKafka,
      transactionalIdPrefix: `${config.KAFKA_TRANSACTIONAL_ID_PREFIX}-${config.AWS_LAMBDA_FUNCTION_NAME}`,
      poolSize: config.KAFKA_PRODUCER_POOL_SIZE,
      transactionTimeoutMs: config.KAFKA_TRANSACTION_TIMEOUT_MS,
      ...(config.KAFKA_APPEND_TIMEOUT_MS ? { appendTimeoutMs: config.KAFKA_APPEND_TIMEOUT_MS } : {}),
    });
  },
  (eventLog) => eventLog.close(),
);
