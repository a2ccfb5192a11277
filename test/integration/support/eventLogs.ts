import { kafkaClients, type KafkaClient } from '../../../lib/config/infraConfig';
import type { EventLog } from '../../../lib/eventLog/eventLog';
import { kafkajsProducer } from '../../../lib/eventLog/kafkajsProducer';
import { platformaticProducer } from '../../../lib/eventLog/platformaticProducer';
import { createTransactionalEventLog, type PoolOptions } from '../../../lib/eventLog/transactionalEventLog';
import type { ConnectProducer } from '../../../lib/eventLog/transactionalProducer';
import { brokers, testKafka } from './kafka';

export { kafkaClients, type KafkaClient };

/**
 * The client the suites build event logs with: `KAFKA_CLIENT` (as the functions read it), else
 * kafkajs. `KAFKA_CLIENT=platformatic npm run test:integration` runs everything on the other one.
 */
export function testKafkaClient(): KafkaClient {
  const chosen = process.env.KAFKA_CLIENT ?? 'kafkajs';
  const client = kafkaClients.find((name) => name === chosen);
  if (!client) throw new Error(`KAFKA_CLIENT=${chosen}: expected one of ${kafkaClients.join(', ')}`);
  return client;
}

export interface TestEventLogOptions extends PoolOptions {
  /** Default: {@link testKafkaClient}. */
  client?: KafkaClient;
  clientId?: string;
  transactionTimeoutMs?: number;
  retries?: number;
  /** Wraps the producers' connect, to delay or intercept them (deadline tests). */
  wrap?: (connect: ConnectProducer) => ConnectProducer;
}

/** The producers of `client` against the test broker. */
export function testConnect(client: KafkaClient, options: Omit<TestEventLogOptions, keyof PoolOptions> = {}) {
  const clientId = options.clientId ?? 'integration-test';
  const settings = {
    ...(options.transactionTimeoutMs ? { transactionTimeoutMs: options.transactionTimeoutMs } : {}),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
  };
  return client === 'kafkajs'
    ? kafkajsProducer({ ...settings, kafka: testKafka(clientId) })
    : platformaticProducer({ ...settings, connection: { clientId, bootstrapBrokers: brokers() } });
}

/** An event log on the test broker with the chosen client, as the functions build theirs. */
export function testEventLog(options: TestEventLogOptions): EventLog {
  const connect = testConnect(options.client ?? testKafkaClient(), options);
  return createTransactionalEventLog(options.wrap ? options.wrap(connect) : connect, options);
}
