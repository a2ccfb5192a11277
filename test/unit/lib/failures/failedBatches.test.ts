import type { Context } from 'aws-lambda';
import { failedBatchesOf, functionNameOf, redriving } from '../../../../lib/failures/failedBatches';
import { failureMessages } from '../../../../lib/local/mskEventSource/failureRecord';
import { fromMskRecord } from '../../../../lib/kafka/mskRecord';
import { FakeTopic, mskEvent } from '../../../support/mskEvents';

// The on-failure records as the local event source mapping writes them (AWS's invocation record).
function failureTopicWith(...batches: { functionName: string; records: FakeTopic['records'] }[]) {
  const failures = new FakeTopic('lambda-failures', 1);
  for (const { functionName, records } of batches) {
    const messages = failureMessages({
      functionName,
      functionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
      consumerGroupId: 'group',
      records: records.map((record) => ({ ...fromMskRecord(record), headers: {} })),
      error: new Error('DynamoDB was down'),
      attempts: 11,
      clusterArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/c/1',
      bootstrapServers: 'b:9098',
    });
    for (const message of messages) {
      failures.appendRaw({
        key: String(message.key),
        value: message.value,
        headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
      });
    }
  }
  return failures;
}

describe('failed batches from the on-failure topic', () => {
  const source = new FakeTopic('orders', 2);
  source.appendRaw({ key: 'a', value: 'one' });
  source.appendRaw({ key: 'b', value: 'two' });

  it('gives a function its own failed batches back as the MSK events they were', () => {
    const failures = failureTopicWith(
      { functionName: 'projectOrders', records: source.records },
      { functionName: 'other', records: source.records },
    );
    const batches = failedBatchesOf(mskEvent(failures.records), 'projectOrders');
    const values = batches.flatMap((batch) =>
      Object.values(batch.records).flatMap((records) =>
        records.map((r) => Buffer.from(r.value, 'base64').toString()),
      ),
    );
    expect(values.sort()).toEqual(['one', 'two']);
    expect(failedBatchesOf(mskEvent(failures.records), 'nobody')).toEqual([]);
  });

  it('ignores records that are not invocation records', () => {
    const failures = new FakeTopic('lambda-failures', 1);
    failures.appendRaw({ key: 'x', value: 'not json' });
    failures.appendRaw({ key: 'y', value: JSON.stringify({ requestContext: {}, payload: 'nope' }) });
    expect(failedBatchesOf(mskEvent(failures.records), 'projectOrders')).toEqual([]);
  });

  it('reads the function name out of a Lambda ARN, qualified or not', () => {
    expect(functionNameOf('arn:aws:lambda:eu-west-1:1:function:svc-dev-projectOrders')).toBe(
      'svc-dev-projectOrders',
    );
    expect(functionNameOf('arn:aws:lambda:eu-west-1:1:function:f:$LATEST')).toBe('f');
    expect(functionNameOf('arn:aws:sqs:eu-west-1:1:queue')).toBeUndefined();
  });

  it('runs the handler on each of its failed batches, and on ordinary batches as they come', async () => {
    const seen: string[] = [];
    const handler = redriving(
      (event) => {
        seen.push(Object.keys(event.records).sort().join());
        return Promise.resolve('done');
      },
      { failureTopic: 'lambda-failures' },
    );
    const context = { functionName: 'projectOrders' } as Context;
    const failures = failureTopicWith({ functionName: 'projectOrders', records: source.records });
    expect(await handler(mskEvent(failures.records), context)).toEqual({ redriven: 2 });
    expect(await handler(mskEvent(source.records), context)).toBe('done');
    expect(seen.sort()).toEqual(['orders-0', 'orders-0,orders-1', 'orders-1']);
  });
});
