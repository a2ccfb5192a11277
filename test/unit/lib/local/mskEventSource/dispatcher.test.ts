import type { MSKEvent } from 'aws-lambda';
import type { Kafka, Message } from 'kafkajs';
import { mskRecordsInOrder, type ConsumedKafkaRecord } from '../../../../../lib/kafka/mskRecord';
import { Dispatcher } from '../../../../../lib/local/mskEventSource/dispatcher';
import { resolveOptions, type MskEventSourceOptions } from '../../../../../lib/local/mskEventSource/options';
import { RecordBuffer, type PartitionOffset } from '../../../../../lib/local/mskEventSource/recordBuffer';

const record = (offset: number, partition = 0): ConsumedKafkaRecord => ({
  topic: 'orders',
  partition,
  offset: String(offset),
  timestamp: '1732900000000',
  key: null,
  value: Buffer.from(`v${offset}`),
  headers: {},
});

const until = async (condition: () => boolean, timeoutMs = 2000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

function setUp(overrides: Partial<MskEventSourceOptions> = {}) {
  const events: MSKEvent[] = [];
  const commits: PartitionOffset[][] = [];
  const sent: Message[][] = [];
  const logs: Record<string, unknown>[] = [];
  const buffer = new RecordBuffer();
  const options = resolveOptions({
    kafka: {} as Kafka,
    functionName: 'projectOrders',
    topics: ['orders'],
    consumerGroupId: 'g',
    startingPosition: 'TRIM_HORIZON',
    maximumBatchingWindowSeconds: 0,
    handler: (event) => {
      events.push(event);
      return Promise.resolve();
    },
    log: (entry) => logs.push(entry as Record<string, unknown>),
    ...overrides,
  });
  const dispatcher = new Dispatcher({
    options,
    buffer,
    commit: (offsets) => Promise.resolve(void commits.push(offsets)),
    sendToFailureTopic: (messages) => Promise.resolve(void sent.push(messages)),
  });
  dispatcher.start();
  return { dispatcher, buffer, events, commits, sent, logs };
}

const committedOffsets = (commits: PartitionOffset[][]) => commits.flat().map((c) => c.offset);

describe('Dispatcher', () => {
  const running: Dispatcher[] = [];
  const started = (overrides: Partial<MskEventSourceOptions> = {}) => {
    const parts = setUp(overrides);
    running.push(parts.dispatcher);
    return parts;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((d) => d.stop()));
  });

  it('invokes, then commits past the transaction marker after the last record', async () => {
    const { buffer, events, commits, dispatcher } = started();
    buffer.add('orders', 0, [record(0), record(1)], '2');
    await until(() => committedOffsets(commits).includes('3'));
    expect(events.map((e) => mskRecordsInOrder(e).map((r) => r.offset))).toEqual([['0', '1']]);
    expect(dispatcher.stats).toEqual({
      invocations: 1,
      failedInvocations: 0,
      records: 2,
      sentToFailureTopic: 0,
    });
    expect(dispatcher.busy).toBe(false);
  });

  it('commits past a fetch of only control records without invoking', async () => {
    const { buffer, events, commits } = started();
    buffer.advance('orders', 0, '4');
    await until(() => committedOffsets(commits).includes('5'));
    expect(events).toEqual([]);
  });

  it('waits for the batching window to fill a batch', async () => {
    const { buffer, events } = started({ maximumBatchingWindowSeconds: 0.2, batchSize: 3 });
    const start = Date.now();
    buffer.add('orders', 0, [record(0)], '0');
    await new Promise((resolve) => setTimeout(resolve, 50));
    buffer.add('orders', 0, [record(1)], '1');
    await until(() => events.length === 1);
    expect(Date.now() - start).toBeGreaterThanOrEqual(190);
    expect(mskRecordsInOrder(events[0]!)).toHaveLength(2);
  });

  it('invokes without waiting once the batch is full', async () => {
    const { buffer, events } = started({ maximumBatchingWindowSeconds: 10, batchSize: 2 });
    buffer.add('orders', 0, [record(0), record(1), record(2)], '2');
    await until(() => events.length === 1);
    expect(mskRecordsInOrder(events[0]!).map((r) => r.offset)).toEqual(['0', '1']);
  });

  it('invokes without waiting once the waiting records pass the 6 MB payload limit', async () => {
    const { buffer, events } = started({ maximumBatchingWindowSeconds: 10, batchSize: 10 });
    const big = (offset: number) => ({ ...record(offset), value: Buffer.alloc(3 * 1024 * 1024) });
    // About 4 MB each in the event: two do not fit, so each batch is one record; the last waits.
    buffer.add('orders', 0, [big(0), big(1), big(2)], '2');
    await until(() => events.length === 2);
    expect(events.map((e) => mskRecordsInOrder(e).map((r) => r.offset))).toEqual([['0'], ['1']]);
    expect(buffer.size).toBe(1);
  });

  it('never commits a batch that did not succeed before stop', async () => {
    const { buffer, commits, dispatcher } = started({ handler: () => Promise.reject(new Error('down')) });
    buffer.add('orders', 0, [record(0), record(1)], '1');
    await until(() => dispatcher.stats.failedInvocations >= 2);
    await dispatcher.stop();
    expect(committedOffsets(commits).every((offset) => offset === '0')).toBe(true);
  });

  it('drops a batch whose retries ran out when there is no on-failure topic, and goes on', async () => {
    const handler = (event: MSKEvent) =>
      mskRecordsInOrder(event).some((r) => r.offset === '0')
        ? Promise.reject(new Error('poison'))
        : Promise.resolve();
    const { buffer, commits, logs, dispatcher } = started({ handler, maximumRetryAttempts: 1, batchSize: 1 });
    buffer.add('orders', 0, [record(0), record(1)], '1');
    await until(() => committedOffsets(commits).includes('2'));
    expect(dispatcher.stats).toMatchObject({ invocations: 3, failedInvocations: 2, records: 1 });
    expect(logs.filter((l) => l.outcome === 'discarded')).toEqual([
      expect.objectContaining({
        functionName: 'projectOrders',
        error: 'poison',
        partitions: { 'orders-0': '0..0' },
      }),
    ]);
  });

  it('writes an exhausted batch to the on-failure topic before committing past it', async () => {
    const { buffer, commits, sent, dispatcher } = started({
      handler: () => Promise.reject(new Error('poison')),
      maximumRetryAttempts: 0,
      onFailureTopic: 'orders-dlt',
    });
    buffer.add('orders', 0, [record(0)], '0');
    buffer.add('orders', 1, [record(0, 1)], '0');
    await until(() => committedOffsets(commits).length >= 2 && dispatcher.stats.sentToFailureTopic === 2);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((m) => m.key)).toEqual(['orders-0', 'orders-1']);
    expect(commits.flat()).toEqual(
      expect.arrayContaining([
        { topic: 'orders', partition: 0, offset: '1' },
        { topic: 'orders', partition: 1, offset: '1' },
      ]),
    );
  });

  it('logs one entry per invocation with its size, partitions, duration and outcome', async () => {
    const { buffer, logs } = started();
    buffer.add('orders', 0, [record(7), record(8)], '8');
    await until(() => logs.some((l) => l.outcome === 'succeeded'));
    expect(logs.find((l) => l.outcome === 'succeeded')).toEqual({
      source: 'mskEventSource',
      functionName: 'projectOrders',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      batchSize: 2,
      partitions: { 'orders-0': '7..8' },
      durationMs: expect.any(Number) as unknown,
      outcome: 'succeeded',
    });
  });
});
