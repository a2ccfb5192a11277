import type { Context, MSKEvent } from 'aws-lambda';
import type { Admin, Message, Producer } from 'kafkajs';
import { fromMskRecord, mskRecordsInOrder } from '../../../lib/kafka/mskRecord';
import {
  FailureHeader,
  startMskEventSource,
  type MskEventSource,
  type MskEventSourceOptions,
} from '../../../lib/local/mskEventSource';
import { consumeFromStart, createTopic, testKafka } from '../support/kafka';
import { uniqueName } from '../support/names';

// The emulator against the real broker: event shape, batching, read_committed, retries and commits,
// the on-failure topic, and an idle check that is exact after transactions.
const kafka = testKafka('msk-event-source-test');
const clusterArn = 'arn:aws:kafka:eu-west-1:123456789012:cluster/local/test-1';

interface Invocation {
  readonly event: MSKEvent;
  readonly context: Context;
}

const values = (event: MSKEvent) => mskRecordsInOrder(event).map((r) => r.value?.toString() ?? null);
const allValues = (invocations: readonly Invocation[]) => invocations.flatMap((i) => values(i.event));

describe('the local MSK event source', () => {
  const sources: MskEventSource[] = [];
  const producers: Producer[] = [];
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin.disconnect();
  });
  afterEach(async () => {
    await Promise.allSettled(sources.splice(0).map((s) => s.stop()));
    await Promise.allSettled(producers.splice(0).map((p) => p.disconnect()));
  });

  /** Starts an emulator whose handler records each invocation, then runs `behaviour` (if any). */
  async function start(
    overrides: Partial<MskEventSourceOptions> & Pick<MskEventSourceOptions, 'topics'>,
    behaviour: (invocation: Invocation, count: number) => void = () => undefined,
  ) {
    const invocations: Invocation[] = [];
    const groupId = overrides.consumerGroupId ?? uniqueName('esm');
    const source = await startMskEventSource({
      kafka,
      functionName: 'testProjection',
      consumerGroupId: groupId,
      startingPosition: 'TRIM_HORIZON',
      maximumBatchingWindowSeconds: 0,
      clusterArn,
      bootstrapServers: process.env.KAFKA_BROKERS,
      handler: (event, context) => {
        invocations.push({ event, context });
        behaviour({ event, context }, invocations.length);
        return Promise.resolve();
      },
      ...overrides,
    });
    sources.push(source);
    return { source, invocations, groupId };
  }

  async function producer(transactional = false): Promise<Producer> {
    const created = transactional
      ? kafka.producer({ transactionalId: uniqueName('tx'), idempotent: true, maxInFlightRequests: 1 })
      : kafka.producer();
    producers.push(created);
    await created.connect();
    return created;
  }

  async function produce(topic: string, messages: Message[]): Promise<void> {
    await (await producer()).send({ topic, messages });
  }

  async function committedOffsets(groupId: string, topic: string) {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return offsets!.partitions.map((p) => p.offset);
  }

  it('delivers records as an AWS-shaped MSK event: base64, signed header bytes, no null key', async () => {
    const topic = await createTopic('esm-shape');
    await produce(topic, [
      { key: 'order-1', value: '{"n":1}', headers: { ce_type: 'OrderPlaced', trace: ['a', 'crème'] } },
      { key: null, value: '{"n":2}' },
    ]);
    const { source, invocations } = await start({ topics: [topic] });
    await source.waitUntilIdle();

    const [{ event, context }] = invocations as [Invocation];
    expect(event).toMatchObject({ eventSource: 'aws:kafka', eventSourceArn: clusterArn });
    expect(event.bootstrapServers).toBe(process.env.KAFKA_BROKERS);
    expect(Object.keys(event.records)).toEqual([`${topic}-0`]);
    const [first, second] = event.records[`${topic}-0`]!;
    expect(first).toMatchObject({
      topic,
      partition: 0,
      offset: 0,
      timestampType: 'CREATE_TIME',
      key: Buffer.from('order-1').toString('base64'),
      value: Buffer.from('{"n":1}').toString('base64'),
      headers: [
        { ce_type: [...Buffer.from('OrderPlaced')] },
        { trace: [97] },
        { trace: [99, 114, -61, -88, 109, 101] },
      ],
    });
    expect(typeof first!.timestamp).toBe('number');
    expect(second).not.toHaveProperty('key');
    expect(fromMskRecord(second!).value!.toString()).toBe('{"n":2}');
    expect(context.functionName).toBe('testProjection');
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:eu-west-1:123456789012:function:testProjection');
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('invokes with at most batchSize records, mixing partitions and keeping each in order', async () => {
    const topic = await createTopic('esm-batch', 2);
    const messages = Array.from({ length: 25 }, (_, i) => ({ partition: i % 2, value: String(i) }));
    await produce(topic, messages);
    const { source, invocations } = await start({
      topics: [topic],
      batchSize: 10,
      maximumBatchingWindowSeconds: 0.2,
    });
    await source.waitUntilIdle();

    expect(invocations.map((i) => mskRecordsInOrder(i.event).length).every((n) => n <= 10)).toBe(true);
    expect(allValues(invocations).sort((a, b) => Number(a) - Number(b))).toEqual(
      messages.map((m) => m.value),
    );
    for (const partition of [0, 1]) {
      const seen = invocations
        .flatMap((i) => mskRecordsInOrder(i.event))
        .filter((r) => r.partition === partition);
      expect(seen.map((r) => Number(r.offset))).toEqual(seen.map((_, i) => i));
    }
    expect(invocations.some((i) => Object.keys(i.event.records).length === 2)).toBe(true);
    expect(source.stats()).toMatchObject({ records: 25, failedInvocations: 0 });
  });

  it('never delivers the records of an aborted transaction, and commits past its markers', async () => {
    const topic = await createTopic('esm-abort');
    const tx = await producer(true);
    const aborted = await tx.transaction();
    await aborted.send({ topic, messages: [{ value: 'aborted-1' }, { value: 'aborted-2' }] });
    await aborted.abort();
    const committed = await tx.transaction();
    await committed.send({ topic, messages: [{ value: 'committed' }] });
    await committed.commit();
    const { source, invocations, groupId } = await start({ topics: [topic] });
    await source.waitUntilIdle();

    expect(allValues(invocations)).toEqual(['committed']);
    // 2 aborted records + abort marker + 1 record + commit marker.
    expect(await committedOffsets(groupId, topic)).toEqual(['5']);
  });

  it('waitUntilIdle right after a transaction commits waits for its markers and ends exactly at the log end', async () => {
    const topic = await createTopic('esm-idle', 2);
    const { source, invocations, groupId } = await start({ topics: [topic] });
    const tx = await producer(true);
    const waits: number[] = [];
    for (let n = 1; n <= 10; n += 1) {
      const transaction = await tx.transaction();
      await transaction.send({
        topic,
        messages: [
          { partition: 0, value: `p0-${n}` },
          { partition: 1, value: `p1-${n}` },
        ],
      });
      await transaction.commit();
      // commit() returns before the markers are written: the last stable offset has not moved yet.
      const started = Date.now();
      await source.waitUntilIdle();
      waits.push(Date.now() - started);
      expect(allValues(invocations)).toEqual(expect.arrayContaining([`p0-${n}`, `p1-${n}`]));
    }
    // 10 records and 10 commit markers per partition: committed at 20, not stuck at 19.
    expect(await committedOffsets(groupId, topic)).toEqual(['20', '20']);
    expect(Math.max(...waits)).toBeLessThan(1000);
  });

  it('waitUntilIdle does not wait for a transaction left open: its records are not readable yet', async () => {
    const topic = await createTopic('esm-open-tx');
    await produce(topic, [{ value: 'before' }]);
    const { source, invocations } = await start({ topics: [topic] });
    const open = await (await producer(true)).transaction();
    await open.send({ topic, messages: [{ value: 'in-open-transaction' }] });

    const started = Date.now();
    await source.waitUntilIdle();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(allValues(invocations)).toEqual(['before']);
    await open.commit();
    await source.waitUntilIdle();
    expect(allValues(invocations)).toEqual(['before', 'in-open-transaction']);
  });

  it('retries the same batch until the handler succeeds, committing only then', async () => {
    const topic = await createTopic('esm-retry');
    await produce(topic, [{ value: 'a' }, { value: 'b' }]);
    const groupId = uniqueName('esm-retry');
    const { source, invocations } = await start({ topics: [topic], consumerGroupId: groupId }, (_, count) => {
      if (count <= 2) throw new Error(`failure ${count}`);
    });
    await source.waitUntilIdle();

    expect(invocations.map((i) => values(i.event))).toEqual([
      ['a', 'b'],
      ['a', 'b'],
      ['a', 'b'],
    ]);
    expect(new Set(invocations.map((i) => i.context.awsRequestId)).size).toBe(3);
    expect(source.stats()).toEqual({
      invocations: 3,
      failedInvocations: 2,
      records: 2,
      sentToFailureTopic: 0,
    });
    expect(await committedOffsets(groupId, topic)).toEqual(['2']);

    await source.stop();
    const again = await start({ topics: [topic], consumerGroupId: groupId });
    await again.source.waitUntilIdle();
    expect(again.invocations).toEqual([]);
  });

  it('redelivers a batch that never succeeded to the next instance of the group', async () => {
    const topic = await createTopic('esm-crash');
    await produce(topic, [{ value: 'a' }, { value: 'b' }]);
    const groupId = uniqueName('esm-crash');
    const failing = await start({ topics: [topic], consumerGroupId: groupId }, () => {
      throw new Error('database down');
    });
    await expect(failing.source.waitUntilIdle({ timeoutMs: 500 })).rejects.toThrow(
      /-0: committed 0, last stable 2 \(lag 2\)/,
    );
    await Promise.all([failing.source.stop(), failing.source.stop()]);
    expect(failing.invocations.length).toBeGreaterThanOrEqual(2);
    expect(await committedOffsets(groupId, topic)).toEqual(['0']);

    const next = await start({ topics: [topic], consumerGroupId: groupId });
    await next.source.waitUntilIdle();
    expect(allValues(next.invocations)).toEqual(['a', 'b']);
  });

  it('sends a batch whose retries ran out to the on-failure topic and goes on with later records', async () => {
    const topic = await createTopic('esm-dlt');
    const failureTopic = await createTopic('esm-dlt-failures');
    await produce(topic, [{ value: 'ok-1' }, { value: 'poison' }, { value: 'ok-2' }]);
    const { source, invocations } = await start(
      {
        topics: [topic],
        onFailureTopic: failureTopic,
        maximumRetryAttempts: 2,
        bisectBatchOnFunctionError: true,
      },
      ({ event }) => {
        if (values(event).includes('poison')) throw new Error('cannot project poison');
      },
    );
    await source.waitUntilIdle();
    await produce(topic, [{ value: 'ok-3' }]);
    await source.waitUntilIdle();

    const succeeded = invocations.filter((i) => !values(i.event).includes('poison'));
    expect(succeeded.flatMap((i) => values(i.event))).toEqual(['ok-1', 'ok-2', 'ok-3']);
    expect(source.stats()).toMatchObject({ sentToFailureTopic: 1, records: 3 });
    const [failure] = await consumeFromStart(failureTopic, { until: (seen) => seen.length >= 1 });
    const header = (name: string) => failure!.headers![name]!.toString();
    expect(header(FailureHeader.functionName)).toBe('testProjection');
    expect(header(FailureHeader.errorMessage)).toBe('cannot project poison');
    expect([
      header(FailureHeader.topic),
      header(FailureHeader.startOffset),
      header(FailureHeader.endOffset),
    ]).toEqual([topic, '1', '1']);
    const record = JSON.parse(failure!.value!.toString()) as { payload: MSKEvent; KafkaBatchInfo: object };
    expect(record.KafkaBatchInfo).toMatchObject({
      topic,
      partition: 0,
      startOffset: 1,
      endOffset: 1,
      batchSize: 1,
    });
    expect(values(record.payload)).toEqual(['poison']);
  });

  it('starts a new group at the end of the log with LATEST', async () => {
    const topic = await createTopic('esm-latest');
    await produce(topic, [{ value: 'before' }]);
    const { source, invocations } = await start({ topics: [topic], startingPosition: 'LATEST' });
    await source.waitUntilIdle();
    await produce(topic, [{ value: 'after' }]);
    await source.waitUntilIdle();
    expect(allValues(invocations)).toEqual(['after']);
  });
});
