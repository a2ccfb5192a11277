import type * as KafkaControlPlane from '@aws-sdk/client-kafka';
import type { InfraConfig } from '../config/infraConfig';

/** The settings a Kafka client of either library is built from. */
export type ConnectionSettings = Pick<
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
 * The bootstrap brokers of the configured cluster: `KAFKA_BROKERS`, or the MSK cluster's for the
 * chosen auth, looked up once per execution environment. Both Kafka clients connect through it.
 *
 * @example
 * const brokers = settings.KAFKA_BROKERS ?? (await bootstrapBrokers(settings));
 */
export function bootstrapBrokers(settings: ConnectionSettings): Promise<string[]> {
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
