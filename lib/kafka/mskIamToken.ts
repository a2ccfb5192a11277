import type * as CredentialChain from '@aws-sdk/credential-provider-node';
import type * as SigV4 from '@smithy/signature-v4';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

/** What signing needs of AWS credentials (the shape every SDK credential provider returns). */
export interface MskCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export interface MskIamTokenOptions {
  readonly region: string;
  readonly credentials: () => Promise<MskCredentials>;
  /** Sent unsigned, as the `User-Agent` query parameter; MSK logs it. */
  readonly userAgent?: string;
  /** The signing time; the clock by default. */
  readonly now?: () => Date;
}

// The token aws-msk-iam-sasl-signer-js 1.0.3 makes (dist/getMSKAuthToken.js), rebuilt on the SigV4
// signer and credential chain the nodejs22.x runtime ships, so that no function bundles that
// library's own @smithy/signature-v4 v2, client-sts and credential providers (docs/BENCHMARKS.md,
// B5). test/unit/lib/kafka/mskIamToken.test.ts compares both tokens byte for byte.
const SERVICE = 'kafka-cluster';
const EXPIRY_SECONDS = 900;
const USER_AGENT = 'kafka-event-sourcing-serverless';

/* eslint-disable @typescript-eslint/no-require-imports -- runtime-provided, loaded on first use */
const loadSigV4 = () => require('@smithy/signature-v4') as typeof SigV4;
const loadCredentialChain = () => require('@aws-sdk/credential-provider-node') as typeof CredentialChain;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * An MSK IAM auth token for SASL/OAUTHBEARER: a SigV4-presigned `kafka-cluster:Connect` URL of
 * `kafka.<region>.amazonaws.com`, valid 900 s (less if the credentials expire sooner), base64url.
 *
 * @example
 * const token = await createMskIamToken({ region: 'eu-west-1', credentials: defaultProvider() });
 */
export async function createMskIamToken(options: MskIamTokenOptions): Promise<string> {
  const credentials = await options.credentials();
  if (!credentials.accessKeyId || !credentials.secretAccessKey)
    throw new Error('AWS credentials cannot be empty to generate an MSK IAM token');
  const signingDate = (options.now ?? (() => new Date()))();
  const hostname = `kafka.${options.region}.amazonaws.com`;
  const signer = new (loadSigV4().SignatureV4)({
    service: SERVICE,
    region: options.region,
    credentials,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname,
      path: '/',
      headers: { host: hostname },
      query: { Action: 'kafka-cluster:Connect' },
    },
    { expiresIn: ttlSeconds(credentials, signingDate), signingDate },
  );
  const query = { ...signed.query, 'User-Agent': options.userAgent ?? USER_AGENT };
  const url = `https://${hostname}/?${queryString(query)}`;
  return Buffer.from(url, 'utf8').toString('base64url');
}

/**
 * The kafkajs `oauthBearerProvider` of IAM auth: a fresh token per authentication, signed with the
 * default credential chain (in Lambda, the function role's variables), created once.
 *
 * @example
 * const sasl = { mechanism: 'oauthbearer', oauthBearerProvider: mskIamTokenProvider('eu-west-1') };
 */
export function mskIamTokenProvider(region: string): () => Promise<{ value: string }> {
  const credentials = loadCredentialChain().defaultProvider();
  return async () => ({ value: await createMskIamToken({ region, credentials }) });
}

// As the library: whole seconds unless credentials expire within 900 s, then what is left of them.
function ttlSeconds(credentials: MskCredentials, now: Date): number {
  if (credentials.expiration === undefined) return EXPIRY_SECONDS;
  return Math.min((credentials.expiration.getTime() - now.getTime()) / 1000, EXPIRY_SECONDS);
}

// @smithy/querystring-builder's rules, which the library's formatUrl applies: keys sorted, RFC 3986.
function queryString(query: Record<string, string | string[] | null>): string {
  return Object.keys(query)
    .sort()
    .flatMap((key) => [query[key] ?? []].flat().map((value) => `${escape(key)}=${escape(value)}`))
    .join('&');
}

const escape = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytes = (data: SourceData): Buffer | string => {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
};

// SHA-256 and HMAC-SHA-256 on node:crypto, in the SDK's checksum shape (what @smithy/hash-node does).
class Sha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }

  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}
