import type { FunctionSpec } from './specs';
import { tables, topics, type TableKey, type TopicSpec } from './storage';

// What follows from the topology: names, variables and limits derived from it. Part of
// infra/topology (index.ts says what it is for).

/** Variables `lib/config/infraConfig.ts` reads; `AWS_REGION` is set by Lambda itself. */
export const FRAMEWORK_ENV = {
  clusterArn: 'MSK_CLUSTER_ARN',
  auth: 'KAFKA_AUTH',
  transactionTimeout: 'KAFKA_TRANSACTION_TIMEOUT_MS',
  appendTimeout: 'KAFKA_APPEND_TIMEOUT_MS',
  clientId: 'KAFKA_CLIENT_ID',
  transactionalIdPrefix: 'KAFKA_TRANSACTIONAL_ID_PREFIX',
} as const;

/** The value of `KAFKA_TRANSACTIONAL_ID_PREFIX` (functions/platform/config.ts defaults to it too). */
export const TRANSACTIONAL_ID_PREFIX = 'kes';

/**
 * What every transactional id of a function starts with: functions/platform/eventLog.ts builds
 * `<KAFKA_TRANSACTIONAL_ID_PREFIX>-<function name>`, then the event log appends
 * `-<execution environment>-<slot>`. IAM grants exactly `<this>-*`.
 */
export function transactionalIdPrefix(functionName: string): string {
  return `${TRANSACTIONAL_ID_PREFIX}-${functionName}`;
}

/**
 * The broker-side bound on an open transaction: above the function timeout, so a transaction is
 * never aborted under a live invocation, and as little above as possible, because a crashed
 * invocation's open transaction stalls `read_committed` readers of its partitions until then
 * (docs/PROTOCOL.md). 10 s commands get 30 s.
 */
export function transactionTimeoutMs(spec: Pick<FunctionSpec, 'timeout'>): number {
  return (spec.timeout + 20) * 1000;
}

/**
 * The bound on one Kafka append: the function timeout less 3 s for the command's DynamoDB calls and
 * the response, so a command held up by Kafka (e.g. acks=all waiting for a dead replica to be
 * fenced) answers 503 with an unknown outcome instead of being cut off by the timeout. 10 s → 7 s.
 */
export function appendTimeoutMs(spec: Pick<FunctionSpec, 'timeout'>): number {
  return Math.max(1, spec.timeout - 3) * 1000;
}

/** Every table a function touches, read, queried or written, once. */
export function tablesOf(spec: Pick<FunctionSpec, 'reads' | 'queries' | 'writes'>): TableKey[] {
  return [...new Set([...spec.reads, ...(spec.queries ?? []), ...spec.writes])];
}

/** The module path and export name of a handler: `functions/x/handlers/y.handler` → both parts. */
export function handlerModule(spec: Pick<FunctionSpec, 'handler'>): { file: string; exportName: string } {
  const dot = spec.handler.lastIndexOf('.');
  return { file: spec.handler.slice(0, dot), exportName: spec.handler.slice(dot + 1) };
}

/**
 * The service variables (topic and table names) every function receives; `tableName` gives the
 * environment's name (a CloudFormation Ref on AWS, a plain string locally).
 */
export function serviceEnvironment<T>(tableName: (key: TableKey) => T): Record<string, T | string> {
  const env: Record<string, T | string> = {};
  for (const topic of Object.values(topics)) {
    if ('envVar' in topic) env[topic.envVar] = topic.name;
  }
  for (const [key, table] of Object.entries(tables)) env[table.envVar] = tableName(key as TableKey);
  return env;
}

/** The topics as kafkajs `admin.createTopics` takes them, for the given replication factor. */
export function topicConfigs(replicationFactor: number) {
  return Object.values(topics).map((topic: TopicSpec) => ({
    topic: topic.name,
    numPartitions: topic.partitions,
    replicationFactor,
    configEntries: Object.entries(topic.config).map(([name, value]) => ({ name, value })),
  }));
}
