import { createKafka } from '../../../../lib/kafka/kafkaConnection';

// jest runs a mock's factory when the module is first required, so the list records what was loaded.
const mockLoaded: string[] = [];
const mockSend = jest.fn();

jest.mock('@aws-sdk/client-kafka', () => {
  mockLoaded.push('@aws-sdk/client-kafka');
  return {
    KafkaClient: jest.fn(() => ({ send: mockSend, destroy: jest.fn() })),
    GetBootstrapBrokersCommand: jest.fn((input: unknown) => input),
  };
});
jest.mock('@aws-sdk/credential-provider-node', () => {
  mockLoaded.push('@aws-sdk/credential-provider-node');
  return { defaultProvider: jest.fn(() => jest.fn()) };
});
jest.mock('@smithy/signature-v4', () => {
  mockLoaded.push('@smithy/signature-v4');
  return { SignatureV4: jest.fn() };
});

const settings = {
  KAFKA_AUTH: 'none',
  KAFKA_CLIENT_ID: 'test',
  AWS_REGION: 'eu-west-1',
} as const;

// Loading either at import would run its factory before `mockLoaded` exists and fail the suite.
describe('createKafka', () => {
  beforeEach(() => {
    mockLoaded.length = 0;
    jest.resetModules(); // each test sees a first load again
  });

  it('loads neither the MSK control-plane client nor the IAM credential chain for explicit brokers', async () => {
    await createKafka({ ...settings, KAFKA_BROKERS: ['127.0.0.1:9092'] });
    await createKafka({ ...settings, KAFKA_AUTH: 'scram', KAFKA_BROKERS: ['127.0.0.1:9092'] });
    expect(mockLoaded).toEqual([]);
  });

  it('loads the credential chain when IAM auth is configured, and the signer only to sign', async () => {
    await createKafka({ ...settings, KAFKA_AUTH: 'iam', KAFKA_BROKERS: ['127.0.0.1:9098'] });
    expect(mockLoaded).toEqual(['@aws-sdk/credential-provider-node']);
  });

  it('loads the MSK control-plane client to look up the brokers of a cluster ARN', async () => {
    mockSend.mockResolvedValueOnce({ BootstrapBrokerStringTls: 'b-1:9094,b-2:9094' });
    await createKafka({
      ...settings,
      KAFKA_AUTH: 'tls',
      MSK_CLUSTER_ARN: 'arn:aws:kafka:eu-west-1:123456789012:cluster/test/1',
    });
    expect(mockLoaded).toEqual(['@aws-sdk/client-kafka']);
    expect(mockSend).toHaveBeenCalledWith({
      ClusterArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/test/1',
    });
  });
});
