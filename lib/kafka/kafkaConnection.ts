import type * as KafkaControlPlane from '@aws-sdk/client-kafka';
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { InfraConfig } from '../config/infraConfig';
import { mskIamTokenProvider } from './mskIamToken';

type ConnectionSettings = Pick<
  InfraConfig,
  | 'KAFKA_BROKERS'
  | 'MSK_CLUSTER_ARN'
  | 'KAFKA_AUTH'
  | 'KAFKA_SCRAM_USERNAME'
  | 'KAFKA_SCRAM_PASSWORD'
  | 'KAFKA_CLIENT_ID'
  | 'AWS_REGION'
>;

// Loaded on first use, not at import: only an MSK cluster ARN (the broker lookup) needs it, and
// loading a client costs every cold start that does (docs/BENCHMARKS.md, B5); IAM auth loads its
// signer and credential chain the same way (mskIamToken.ts). A plain require of a literal, not
// import(): the CommonJS that ts-jest runs keeps a real import() as an ES module load, which jest
// cannot do without --experimental-vm-modules. Types stay static.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, see above
const loadControlPlane = () => require('@aws-sdk/client-kafka') as typeof KafkaControlPlane;

// One lookup per execution environment: GetBootstrapBrokers is a control-plane call with a low
// rate limit, and the broker list of a cluster does not change while an environment lives.
const bootstrapCache = new Map<string, Promise<string[]>>();

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

function bootstrapBrokers(settings: ConnectionSettings): Promise<string[]> {
  const arn = settings.MSK_CLUSTER_ARN;
  if (!arn) return Promise.reject(new Error('set KAFKA_BROKERS or MSK_CLUSTER_ARN'));
  let brokers = bootstrapCache.get(arn);
  if (!brokers) {
    brokers = lookUpBrokers(arn, settings).catch((error: unknown) => {
      bootstrapCache.delete(arn); // a failed lookup must not poison the environment
      throw error;
    });
    bootstrapCache.set(arn, brokers);
  }
  return brokers;
}

async function lookUpBrokers(arn: string, settings: ConnectionSettings): Promise<string[]> {
  const { GetBootstrapBrokersCommand, KafkaClient } = loadControlPlane();
  const client = new KafkaClient({ region: settings.AWS_REGION });
  try {
    const out = await client.send(new GetBootstrapBrokersCommand({ ClusterArn: arn }));
    const list = pickBrokerString(settings.KAFKA_AUTH, out);
    if (!list) throw new Error(`MSK cluster ${arn} has no bootstrap brokers for auth ${settings.KAFKA_AUTH}`);
    return list.split(',');
  } finally {
    client.destroy();
  }
}

function pickBrokerString(
  auth: ConnectionSettings['KAFKA_AUTH'],
  out: {
    BootstrapBrokerString?: string;
    BootstrapBrokerStringTls?: string;
    BootstrapBrokerStringSaslScram?: string;
    BootstrapBrokerStringSaslIam?: string;
  },
): string | undefined {
  const byAuth = {
    none: out.BootstrapBrokerString,
    tls: out.BootstrapBrokerStringTls,
    scram: out.BootstrapBrokerStringSaslScram,
    iam: out.BootstrapBrokerStringSaslIam,
  } as const;
  return byAuth[auth];
}
