import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Kafka } from 'kafkajs';
import {
  createKafkaDeadLetterSink,
  type ClosableDeadLetterSink,
} from '../../lib/deadLetter/kafkaDeadLetterSink';
import { createDynamoClient } from '../../lib/dynamodb/dynamoClient';
import type { EventLog } from '../../lib/eventLog/eventLog';
import { createKafkaEventLog } from '../../lib/eventLog/kafkaEventLog';
import { DynamoIdempotencyStore } from '../../lib/idempotency/dynamoIdempotencyStore';
import type { IdempotencyStore } from '../../lib/idempotency/idempotencyStore';
import { createKafka } from '../../lib/kafka/kafkaConnection';
import { appConfig, type AppConfig } from './config';

/** The clients every service shares in one execution environment. */
export interface Platform {
  config: AppConfig;
  dynamo: DynamoDBClient;
  kafka: () => Promise<Kafka>;
  eventLog: EventLog;
  idempotency: IdempotencyStore;
  deadLetters: ClosableDeadLetterSink;
}

let platform: Platform | undefined;

/**
 * Created once per execution environment (module scope in every handler) and reused by warm
 * invocations: TCP connections, the transactional producer and the broker lookup are expensive.
 * In the local runtime all functions share one process, hence one platform.
 */
export function getPlatform(): Platform {
  platform ??= createPlatform(appConfig());
  return platform;
}

function createPlatform(config: AppConfig): Platform {
  let kafkaClient: Promise<Kafka> | undefined;
  const kafka = () => {
    kafkaClient ??= createKafka(config).catch((error: unknown) => {
      kafkaClient = undefined;
      throw error;
    });
    return kafkaClient;
  };
  const dynamo = createDynamoClient(config);
  return {
    config,
    dynamo,
    kafka,
    eventLog: createKafkaEventLog({
      kafka,
      transactionalIdPrefix: `${config.KAFKA_TRANSACTIONAL_ID_PREFIX}-${config.AWS_LAMBDA_FUNCTION_NAME}`,
      poolSize: config.KAFKA_PRODUCER_POOL_SIZE,
      transactionTimeoutMs: config.KAFKA_TRANSACTION_TIMEOUT_MS,
      ...(config.KAFKA_APPEND_TIMEOUT_MS ? { appendTimeoutMs: config.KAFKA_APPEND_TIMEOUT_MS } : {}),
    }),
    idempotency: new DynamoIdempotencyStore(dynamo, config.IDEMPOTENCY_TABLE),
    deadLetters: createKafkaDeadLetterSink({ kafka, topic: config.DEAD_LETTER_TOPIC }),
  };
}

/** Closes the shared clients (local runtime shutdown, tests). */
export async function closePlatform(): Promise<void> {
  const current = platform;
  platform = undefined;
  if (!current) return;
  await Promise.allSettled([current.eventLog.close(), current.deadLetters.close()]);
  current.dynamo.destroy();
}
