import { serviceEnvironment, tables, topics, type TableKey, type TopicKey } from '../../topology';

/**
 * Local names for the topology's topics, tables and consumer groups. A prefix lets several runtimes
 * share one broker and one DynamoDB (tests run one per file) without seeing each other's data.
 */
export interface LocalNames {
  topic(key: TopicKey): string;
  table(key: TableKey): string;
  group(consumerGroupId: string): string;
}

export function localNames(prefix = ''): LocalNames {
  const scoped = (name: string) => (prefix ? `${prefix}.${name}` : name);
  return {
    topic: (key) => scoped(topics[key].name),
    table: (key) => scoped(`kes-${key}`),
    group: (id) => scoped(id),
  };
}

/** The environment the handlers read (through functions/platform/config.ts) in the local runtime. */
export function localEnvironment(
  names: LocalNames,
  endpoints: { kafkaBrokers: readonly string[]; dynamoEndpoint: string },
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(serviceEnvironment((key) => names.table(key))))
    env[name] = value;
  for (const [key, topic] of Object.entries(topics)) {
    if ('envVar' in topic) env[topic.envVar] = names.topic(key as TopicKey);
  }
  // What the operating tools put before a consumer group id to measure this runtime's groups.
  const groupPrefix = names.group('');
  return {
    ...env,
    ...(groupPrefix ? { LOCAL_GROUP_PREFIX: groupPrefix } : {}),
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    KAFKA_AUTH: 'none',
    // Every function shares this process locally: a few producers let commands overlap.
    KAFKA_PRODUCER_POOL_SIZE: '4',
    KAFKA_TRANSACTION_TIMEOUT_MS: '30000',
    // What a 10 s command function gets on AWS (infra/topology.ts appendTimeoutMs).
    KAFKA_APPEND_TIMEOUT_MS: '7000',
    // The event log's client follows the caller's choice (`KAFKA_CLIENT=platformatic npm start`, or
    // the test suites run with it); functions/platform/config.ts validates it.
    ...(process.env.KAFKA_CLIENT ? { KAFKA_CLIENT: process.env.KAFKA_CLIENT } : {}),
    DYNAMODB_ENDPOINT: endpoints.dynamoEndpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
  };
}

/** Every table of the topology, with its local name. */
export function localTables(names: LocalNames) {
  return Object.entries(tables).map(([key, spec]) => ({ name: names.table(key as TableKey), spec }));
}
