import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import type { EventEmitter } from 'node:events';
import type * as events from 'node:events';
import { handler } from '../../../../infra/aws/kafkaTopicsHandler';

type Topics = { topics: { topic: string; replicationFactor: number }[] };
const mockCreateTopics = jest.fn<Promise<boolean>, [Topics]>();
const mockListTopics = jest.fn();
const mockSent: { url: string; body: Record<string, string> }[] = [];

jest.mock('../../../../lib/kafka/kafkaConnection', () => ({
  createKafka: () =>
    Promise.resolve({
      admin: () => ({
        connect: () => Promise.resolve(),
        disconnect: () => Promise.resolve(),
        listTopics: mockListTopics,
        createTopics: mockCreateTopics,
      }),
    }),
}));

// The answer goes to a pre-signed S3 URL; capture it instead.
jest.mock('node:https', () => ({
  request: (url: string, _options: unknown, onResponse: (res: EventEmitter & { resume(): void }) => void) => {
    const { EventEmitter } = jest.requireActual<typeof events>('node:events');
    const req = new EventEmitter() as EventEmitter & { end(body: string): void };
    req.end = (body: string) => {
      mockSent.push({ url, body: JSON.parse(body) as Record<string, string> });
      const res = Object.assign(new EventEmitter(), { resume: () => undefined });
      onResponse(res);
      res.emit('end');
    };
    return req;
  },
}));

const context = { getRemainingTimeInMillis: () => 60_000, logStreamName: 'stream' } as Context;

function event(requestType: 'Create' | 'Update' | 'Delete'): CloudFormationCustomResourceEvent {
  const base = {
    ServiceToken: 'arn:fn',
    ResponseURL: 'https://s3.example/response',
    StackId: 'arn:stack',
    RequestId: 'req-1',
    LogicalResourceId: 'KafkaTopics',
    ResourceType: 'Custom::KafkaTopics',
    ResourceProperties: { ServiceToken: 'arn:fn' },
  };
  return requestType === 'Create'
    ? { ...base, RequestType: 'Create' }
    : requestType === 'Update'
      ? {
          ...base,
          RequestType: 'Update',
          PhysicalResourceId: 'topics',
          OldResourceProperties: { ServiceToken: 'arn:fn' },
        }
      : { ...base, RequestType: 'Delete', PhysicalResourceId: 'topics' };
}

beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  mockSent.length = 0;
  mockCreateTopics.mockReset().mockResolvedValue(true);
  mockListTopics.mockReset().mockResolvedValue(['orders']);
  process.env.MSK_CLUSTER_ARN = 'arn:aws:kafka:eu-west-1:123456789012:cluster/c/uuid';
  process.env.KAFKA_AUTH = 'iam';
});

describe('the Custom::KafkaTopics handler', () => {
  it('creates the missing topics with three replicas and answers SUCCESS', async () => {
    await handler(event('Create'), context);
    const { topics } = mockCreateTopics.mock.calls[0]![0];
    expect(topics.map((t) => t.topic)).toEqual(['inventory', 'payments', 'dead-letters', 'lambda-failures']);
    expect(topics.every((t) => t.replicationFactor === 3)).toBe(true);
    expect(mockSent).toEqual([
      {
        url: 'https://s3.example/response',
        body: expect.objectContaining({
          Status: 'SUCCESS',
          PhysicalResourceId: 'arn:stack/KafkaTopics',
          RequestId: 'req-1',
        }) as unknown,
      },
    ]);
  });

  it('never deletes a topic: Delete only answers', async () => {
    await handler(event('Delete'), context);
    expect(mockListTopics).not.toHaveBeenCalled();
    expect(mockSent[0]!.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'topics' });
  });

  it('answers FAILED with the reason when the cluster refuses', async () => {
    mockCreateTopics.mockRejectedValue(new Error('not authorized'));
    await handler(event('Update'), context);
    expect(mockSent[0]!.body).toMatchObject({
      Status: 'FAILED',
      Reason: 'not authorized (log stream stream)',
    });
  });

  it('answers FAILED before the function times out when the cluster does not answer', async () => {
    mockListTopics.mockReturnValue(new Promise(() => undefined));
    const short: Context = { ...context, getRemainingTimeInMillis: () => 10_050 };
    await handler(event('Create'), short);
    expect(mockSent[0]!.body.Status).toBe('FAILED');
    expect(mockSent[0]!.body.Reason).toMatch(/no answer from the cluster within 50 ms/);
  });
});
