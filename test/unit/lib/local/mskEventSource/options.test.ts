import type { Kafka } from 'kafkajs';
import {
  DEFAULT_CLUSTER_ARN,
  resolveOptions,
  type MskEventSourceOptions,
} from '../../../../../lib/local/mskEventSource/options';

const base: MskEventSourceOptions = {
  kafka: {} as Kafka,
  functionName: 'projectOrders',
  topics: ['orders'],
  consumerGroupId: 'project-orders',
  startingPosition: 'TRIM_HORIZON',
  handler: () => Promise.resolve(),
};

describe('resolveOptions', () => {
  it('applies the AWS defaults: batch 100, window 0.5 s, retries forever', () => {
    const resolved = resolveOptions(base);
    expect(resolved).toMatchObject({
      batchSize: 100,
      maximumBatchingWindowSeconds: 0.5,
      maxRetries: Infinity,
      bisectBatchOnFunctionError: false,
      clusterArn: DEFAULT_CLUSTER_ARN,
      bootstrapServers: 'localhost:9092',
    });
  });

  it('keeps a zero batching window and a finite retry count', () => {
    const resolved = resolveOptions({ ...base, maximumBatchingWindowSeconds: 0, maximumRetryAttempts: 3 });
    expect(resolved.maximumBatchingWindowSeconds).toBe(0);
    expect(resolved.maxRetries).toBe(3);
  });

  it('caps "retry forever" at 10 when an on-failure destination is set, as AWS does', () => {
    expect(resolveOptions({ ...base, onFailureTopic: 'orders-dlt' }).maxRetries).toBe(10);
  });

  it.each([
    [{ batchSize: 0 }, /batchSize/],
    [{ batchSize: 10_001 }, /batchSize/],
    [{ batchSize: 1.5 }, /batchSize/],
    [{ maximumBatchingWindowSeconds: 301 }, /maximumBatchingWindowSeconds/],
    [{ maximumRetryAttempts: -2 }, /maximumRetryAttempts/],
    [{ topics: [] }, /topics/],
    [{ onFailureTopic: 'orders' }, /onFailureTopic/],
    [{ consumerGroupId: '' }, /consumerGroupId/],
  ])('rejects %j', (overrides, message) => {
    expect(() => resolveOptions({ ...base, ...overrides })).toThrow(message);
  });
});
