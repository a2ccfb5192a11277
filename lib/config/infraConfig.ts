import * as z from 'zod';
import { ConfigError, commaList, positiveInt, readEnv } from './readEnv';

/** The Kafka clients the event log can append with (lib/eventLog: kafkaEventLog, platformaticEventLog). */
export const kafkaClients = ['kafkajs', 'platformatic'] as const;
export type KafkaClient = (typeof kafkaClients)[number];

const schema = z.object({
  /** Brokers to use directly (local, a container, a self-managed cluster). */
  KAFKA_BROKERS: commaList.optional(),
  /** Or an MSK cluster whose brokers are looked up with GetBootstrapBrokers. */
  MSK_CLUSTER_ARN: z.string().startsWith('arn:').optional(),
  KAFKA_AUTH: z.enum(['none', 'iam', 'scram', 'tls']).default('none'),
  KAFKA_SCRAM_USERNAME: z.string().optional(),
  KAFKA_SCRAM_PASSWORD: z.string().optional(),
  KAFKA_CLIENT_ID: z.string().default('kafka-es'),
  /** Upper bound a transaction may stay open; keep it above the function timeout (docs/PROTOCOL.md). */
  KAFKA_TRANSACTION_TIMEOUT_MS: positiveInt.default(30_000),
  /** Bound on one whole append; below the function timeout (infra/topology.ts). Default: none. */
  KAFKA_APPEND_TIMEOUT_MS: positiveInt.optional(),
  KAFKA_PRODUCER_POOL_SIZE: positiveInt.default(1),
  /** The client of the event log's producers; docs/BENCHMARKS.md (B1) says why the default. */
  KAFKA_CLIENT: z.enum(kafkaClients).default('kafkajs'),
  AWS_REGION: z.string().default('eu-west-1'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  /**
   * Key values of the heads' recovery index (docs/CAPACITY.md: each takes ~500 commands/s). Raise
   * it only: recovery queries the values it knows, so a head pending under a dropped one is found
   * only by its next command.
   */
  HEADS_PENDING_SHARDS: positiveInt.max(1_000).default(32),
});

export type InfraConfig = z.infer<typeof schema>;

/**
 * The infrastructure settings the framework itself needs: where Kafka and DynamoDB are and how to
 * authenticate. Services add their own settings (tables, topics) with `readEnv`.
 */
export function readInfraConfig(env: NodeJS.ProcessEnv = process.env): InfraConfig {
  const config = readEnv(schema, env);
  const problems: string[] = [];
  if (!config.KAFKA_BROKERS && !config.MSK_CLUSTER_ARN) problems.push('set KAFKA_BROKERS or MSK_CLUSTER_ARN');
  if (config.KAFKA_AUTH === 'scram' && !(config.KAFKA_SCRAM_USERNAME && config.KAFKA_SCRAM_PASSWORD)) {
    problems.push('KAFKA_AUTH=scram needs KAFKA_SCRAM_USERNAME and KAFKA_SCRAM_PASSWORD');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
