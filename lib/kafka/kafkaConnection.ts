import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import { bootstrapBrokers, type ConnectionSettings } from './bootstrapBrokers';
import { mskIamTokenProvider } from './mskIamToken';

/**
 * Creates the kafkajs client for the configured cluster: explicit brokers, or an MSK cluster ARN
 * resolved through GetBootstrapBrokers; plaintext, TLS, SASL/SCRAM-512 or IAM (OAUTHBEARER over TLS).
 *
 * @example
 * const kafka = await createKafka(readInfraConfig());
 */
export async function createKafka(settings: ConnectionSettings): Promise<Kafka> {
  const brokers = settings.KAFKA_BROKERS ?? (await bootstrapBrokers(settings));
  const config: KafkaConfig = {
    clientId: settings.KAFKA_CLIENT_ID,
    brokers,
    logLevel: logLevel.WARN,
    // Fail fast when the cluster is unreachable or frozen: kafkajs's defaults (300 ms doubling, 5
    // retries, 30 s per request) make a command wait out its whole function timeout instead of
    // answering 503 + Retry-After. Measured in test/reliability/brokerFaults (README, finding 1).
    retry: { initialRetryTime: 100, retries: 3, maxRetryTime: 1_000 },
    requestTimeout: 3_000,
    ...security(settings),
  };
  return new Kafka(config);
}

function security(settings: ConnectionSettings): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  switch (settings.KAFKA_AUTH) {
    case 'none':
      return {};
    case 'tls':
      return { ssl: true };
    case 'scram':
      return { ssl: true, sasl: scram(settings) };
    case 'iam':
      return { ssl: true, sasl: iam(settings.AWS_REGION) };
    default: {
      const unknown: never = settings.KAFKA_AUTH;
      throw new Error(`unknown KAFKA_AUTH ${String(unknown)}`);
    }
  }
}

function scram(settings: ConnectionSettings): SASLOptions {
  return {
    mechanism: 'scram-sha-512',
    username: settings.KAFKA_SCRAM_USERNAME ?? '',
    password: settings.KAFKA_SCRAM_PASSWORD ?? '',
  };
}

function iam(region: string): SASLOptions {
  // A kafka-cluster:Connect URL presigned with the function's role credentials, per authentication.
  return { mechanism: 'oauthbearer', oauthBearerProvider: mskIamTokenProvider(region) };
}
