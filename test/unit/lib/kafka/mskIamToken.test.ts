import { generateAuthTokenFromCredentialsProvider } from 'aws-msk-iam-sasl-signer-js';
import { createMskIamToken, type MskCredentials } from '../../../../lib/kafka/mskIamToken';

// aws-msk-iam-sasl-signer-js stays a devDependency for this file only: the token functions send is
// ours, and it must stay the library's byte for byte (the library reads the clock, so it is frozen).
const NOW = new Date('2026-03-14T09:26:53.589Z');
const LIBRARY_USER_AGENT = 'aws-msk-iam-sasl-signer-js/1.0.3';
const base: MskCredentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const withSession: MskCredentials = { ...base, sessionToken: 'IQoJb3JpZ2luX2VjE+/=token' };

async function both(credentials: MskCredentials, region = 'eu-west-1') {
  const provider = () => Promise.resolve(credentials);
  const library = await generateAuthTokenFromCredentialsProvider({
    region,
    awsCredentialsProvider: provider,
  });
  const ours = await createMskIamToken({
    region,
    credentials: provider,
    userAgent: LIBRARY_USER_AGENT,
    now: () => new Date(),
  });
  return { library: library.token, ours };
}

const decode = (token: string) => new URL(Buffer.from(token, 'base64url').toString('utf8'));

describe('createMskIamToken', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it.each([
    ['long-term credentials', base],
    ['session credentials', withSession],
    ['credentials expiring within 900 s', { ...withSession, expiration: new Date(NOW.getTime() + 300_000) }],
  ])('equals the library token byte for byte with %s', async (_, credentials) => {
    const { library, ours } = await both(credentials);
    expect(ours).toBe(library);
  });

  it('equals the library token in another region', async () => {
    const { library, ours } = await both(withSession, 'us-east-1');
    expect(ours).toBe(library);
  });

  it('presigns kafka-cluster:Connect on the regional MSK host for 900 s, unpadded base64url', async () => {
    const token = await createMskIamToken({
      region: 'eu-west-1',
      credentials: () => Promise.resolve(withSession),
      now: () => NOW,
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    const url = decode(token);
    expect(url.host).toBe('kafka.eu-west-1.amazonaws.com');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      Action: 'kafka-cluster:Connect',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIAIOSFODNN7EXAMPLE/20260314/eu-west-1/kafka-cluster/aws4_request',
      'X-Amz-Date': '20260314T092653Z',
      'X-Amz-Expires': '900',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Security-Token': withSession.sessionToken,
      'User-Agent': 'kafka-event-sourcing-serverless',
    });
  });

  it('refuses empty credentials', async () => {
    await expect(
      createMskIamToken({
        region: 'eu-west-1',
        credentials: () => Promise.resolve({ accessKeyId: '', secretAccessKey: '' }),
      }),
    ).rejects.toThrow(/credentials/);
  });
});
