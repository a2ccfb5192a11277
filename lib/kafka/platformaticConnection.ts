import type { ProducerOptions } from '@platformatic/kafka' with { 'resolution-mode': 'import' };
import { bootstrapBrokers, type ConnectionSettings } from './bootstrapBrokers';
import { mskIamTokenProvider } from './mskIamToken';

/** What a @platformatic/kafka client needs to reach the cluster; producers add their own options. */
export type PlatformaticConnection = Pick<
  ProducerOptions<string, string, string, string>,
  'clientId' | 'bootstrapBrokers' | 'connectTimeout' | 'requestTimeout' | 'tls' | 'sasl'
>;

/**
 * The @platformatic/kafka connection options for the configured cluster, the counterpart of
 * `createKafka` (kafkaConnection.ts): same brokers and auth — plaintext, TLS, SASL/SCRAM-512 or IAM
 * (OAUTHBEARER over TLS, the same token) — and the same fail-fast timeouts (1 s to connect, 3 s per request).
 *
 * @example
 * const connection = await createPlatformaticConnection(readInfraConfig());
 */
export async function createPlatformaticConnection(
  settings: ConnectionSettings,
): Promise<PlatformaticConnection> {
  return {
    clientId: settings.KAFKA_CLIENT_ID,
    bootstrapBrokers: settings.KAFKA_BROKERS ?? (await bootstrapBrokers(settings)),
    // kafkajs's connectionTimeout default. With 3 s, one command waited 6.7 s during a clean
    // broker restart (reliability scenario 2, whose hang limit is 5 s).
    connectTimeout: 1_000,
    requestTimeout: 3_000,
    ...security(settings),
  };
}

function security(settings: ConnectionSettings): Pick<PlatformaticConnection, 'tls' | 'sasl'> {
  switch (settings.KAFKA_AUTH) {
    case 'none':
      return {};
    case 'tls':
      return { tls: {} };
    case 'scram':
      return {
        tls: {},
        sasl: {
          mechanism: 'SCRAM-SHA-512',
          username: settings.KAFKA_SCRAM_USERNAME ?? '',
          password: settings.KAFKA_SCRAM_PASSWORD ?? '',
        },
      };
    case 'iam': {
      // The token kafkajs gets (mskIamToken.ts), asked for on every authentication and
      // re-authentication: MSK closes a connection whose token expired.
      const provider = mskIamTokenProvider(settings.AWS_REGION);
      return { tls: {}, sasl: { mechanism: 'OAUTHBEARER', token: async () => (await provider()).value } };
    }
    default: {
      const unknown: never = settings.KAFKA_AUTH;
      throw new Error(`unknown KAFKA_AUTH ${String(unknown)}`);
    }
  }
}
