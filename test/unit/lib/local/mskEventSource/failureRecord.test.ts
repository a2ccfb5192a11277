import type { MSKEvent } from 'aws-lambda';
import type { ConsumedKafkaRecord } from '../../../../../lib/kafka/mskRecord';
import { FailureHeader, failureMessages } from '../../../../../lib/local/mskEventSource/failureRecord';

const record = (partition: number, offset: number): ConsumedKafkaRecord => ({
  topic: 'orders',
  partition,
  offset: String(offset),
  timestamp: '1732900000000',
  key: Buffer.from('k'),
  value: Buffer.from(`v${offset}`),
  headers: { ce_type: 'OrderPlaced' },
});

const batch = {
  functionName: 'projectOrders',
  functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:projectOrders',
  consumerGroupId: 'project-orders',
  clusterArn: 'arn:aws:kafka:eu-west-1:000000000000:cluster/local/x',
  bootstrapServers: 'localhost:9092',
  records: [record(0, 4), record(1, 7), record(0, 5)],
  error: new Error('cannot project'),
  attempts: 4,
  requestId: 'req-9',
  now: new Date('2024-11-29T17:06:40.000Z'),
};

describe('failureMessages', () => {
  it('writes one record per partition of the failed batch, keyed by topic-partition', () => {
    const messages = failureMessages(batch);
    expect(messages.map((m) => m.key)).toEqual(['orders-0', 'orders-1']);
    expect(messages[0]!.headers).toEqual({
      [FailureHeader.functionName]: 'projectOrders',
      [FailureHeader.condition]: 'RetryAttemptsExhausted',
      [FailureHeader.errorMessage]: 'cannot project',
      [FailureHeader.attempts]: '4',
      [FailureHeader.topic]: 'orders',
      [FailureHeader.partition]: '0',
      [FailureHeader.startOffset]: '4',
      [FailureHeader.endOffset]: '5',
    });
  });

  it('holds the AWS invocation record with the failed records as an MSK event', () => {
    const value = JSON.parse(String(failureMessages(batch)[0]!.value)) as {
      requestContext: object;
      KafkaBatchInfo: object;
      payload: MSKEvent;
    };
    expect(value).toMatchObject({
      requestContext: { requestId: 'req-9', functionArn: batch.functionArn, approximateInvokeCount: 4 },
      responseContext: { functionError: 'Unhandled' },
      version: '1.0',
      timestamp: '2024-11-29T17:06:40.000Z',
      KafkaBatchInfo: { batchSize: 2, topic: 'orders', partition: 0, startOffset: 4, endOffset: 5 },
    });
    const records = value.payload.records['orders-0']!;
    expect(records.map((r) => Buffer.from(r.value, 'base64').toString())).toEqual(['v4', 'v5']);
    expect(Object.keys(value.payload.records)).toEqual(['orders-0']);
  });

  it('shortens very long error messages and accepts non-Error throws', () => {
    const long = failureMessages({ ...batch, error: 'x'.repeat(5000) })[0]!;
    expect(long.headers![FailureHeader.errorMessage]).toHaveLength(1024);
  });
});
