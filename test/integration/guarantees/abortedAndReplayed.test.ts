import { createBatchCommandHandler } from '../../../lib/commands/commandHandler';
import { createKafkaDeadLetterSink } from '../../../lib/deadLetter/kafkaDeadLetterSink';
import { ensureTable } from '../../../lib/dynamodb/createTable';
import { encodeEnvelope } from '../../../lib/envelope/kafkaCodec';
import { DynamoHeadStore, headTableDefinition } from '../../../lib/heads/dynamoHeadStore';
import { startMskEventSource } from '../../../lib/local/mskEventSource';
import type { Reactor } from '../../../lib/reactors/reactor';
import { createReactorHandler, type ReactorCheckpoint } from '../../../lib/reactors/reactorHandler';
import { DynamoSnapshotStore } from '../../../lib/snapshots/dynamoSnapshotStore';
import { snapshotTableDefinition } from '../../../lib/snapshots/snapshotTable';
import type { TallyCommand, TallyEvent, TallyState } from '../../support/tallyDomain';
import { meta, tallyCatalog, tallyDecider } from '../../support/tallyDomain';
import { testDynamo } from '../support/dynamo';
import { testEventLog } from '../support/eventLogs';
import { consumeFromStart, createTopic, testKafka } from '../support/kafka';
import { uniqueName } from '../support/names';
import { tallyPipeline } from '../support/tallyPipeline';

describe('aborted transactions and replays', () => {
  let pipeline: Awaited<ReturnType<typeof tallyPipeline>>;
  beforeAll(async () => {
    pipeline = await tallyPipeline();
  });
  afterAll(() => pipeline.close());

  it('G4: the records of an aborted transaction never reach a snapshot', async () => {
    const forged = encodeEnvelope(
      {
        id: 'tally/g4-ghost/1',
        source: 'urn:test',
        time: '2026-01-01T00:00:00.000Z',
        aggregateId: 'g4-ghost',
        aggregateType: 'tally',
        aggregateVersion: 1,
        schemaVersion: 1,
        correlationId: 'c',
        commandId: 'x',
        event: { type: 'TallyOpened', data: { name: 'ghost' } },
      },
      tallyCatalog,
    );
    const producer = testKafka().producer({
      transactionalId: uniqueName('g4'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({
      topic: pipeline.topic,
      messages: [{ ...forged, headers: { ...forged.headers } }],
    });
    await transaction.abort();
    await producer.disconnect();
    await pipeline.handle({
      aggregateId: 'g4-real',
      command: { type: 'Open', name: 'real' },
      metadata: meta(),
    });

    const source = await pipeline.startProjection();
    await source.waitUntilIdle({ timeoutMs: 30_000 });
    expect(await pipeline.views.get('g4-real', { consistent: true })).toBeDefined();
    expect(await pipeline.views.get('g4-ghost', { consistent: true })).toBeUndefined();
  });

  it('G8: a reactor replayed over its whole source topic from offset 0 in a new consumer group changes nothing', async () => {
    const mirror = await mirrorService();
    for (const id of ['g8-a', 'g8-b']) {
      await pipeline.handle({ aggregateId: id, command: { type: 'Open', name: id }, metadata: meta() });
      await pipeline.handle({
        aggregateId: id,
        command: { type: 'Increment', by: 3, times: 2 },
        metadata: meta(),
      });
    }
    await mirror.run(uniqueName('mirror-first'));
    const before = await mirror.snapshot();
    const logEndBefore = await logEnd(mirror.topic);
    expect(before['mirror-g8-a']).toMatchObject({ version: 3, state: { total: 6 } });
    expect(await consumeFromStart(mirror.topic, { until: (s) => s.length >= before.records })).toHaveLength(
      6,
    );

    await mirror.run(uniqueName('mirror-replay'));
    expect(await mirror.snapshot()).toEqual(before);
    // Not one record (nor transaction marker) was added to the target topic by the replay.
    expect(await logEnd(mirror.topic)).toBe(logEndBefore);
    await mirror.close();
  });

  async function logEnd(topic: string): Promise<string> {
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.map((o) => o.high).join(',');
    } finally {
      await admin.disconnect();
    }
  }

  /** A second service whose aggregates mirror the tallies, fed by a reactor on the tally topic. */
  async function mirrorService() {
    const dynamo = testDynamo();
    const headsTable = uniqueName('mirror-heads');
    const checkpointsTable = uniqueName('checkpoints');
    await ensureTable(dynamo, headsTable, headTableDefinition);
    await ensureTable(dynamo, checkpointsTable, snapshotTableDefinition());
    const topic = await createTopic('mirror');
    const heads = new DynamoHeadStore<TallyState>(dynamo, headsTable);
    const eventLog = testEventLog({ transactionalIdPrefix: uniqueName('mirror') });
    const dispatch = createBatchCommandHandler({
      decider: tallyDecider,
      catalog: tallyCatalog,
      source: 'urn:mirror',
      topic,
      heads,
      eventLog,
    });
    const reactor: Reactor<TallyEvent, TallyCommand> = {
      name: 'mirror',
      catalog: tallyCatalog,
      react: ({ aggregateId, event }) =>
        event.type === 'TallyOpened'
          ? [{ aggregateId: `mirror-${aggregateId}`, command: { type: 'Open', name: event.data.name } }]
          : event.type === 'TallyIncremented'
            ? [{ aggregateId: `mirror-${aggregateId}`, command: { type: 'Increment', by: event.data.by } }]
            : [],
    };
    const deadLetters = createKafkaDeadLetterSink({ kafka: testKafka(), topic: pipeline.deadLetterTopic });
    const handler = createReactorHandler({
      reactor,
      dispatch,
      checkpoints: new DynamoSnapshotStore<ReactorCheckpoint>({
        client: dynamo,
        tableName: checkpointsTable,
      }),
      deadLetters,
      log: () => undefined,
    });
    const run = async (groupId: string) => {
      const source = await startMskEventSource({
        kafka: testKafka(),
        functionName: 'mirrorTallies',
        topics: [pipeline.topic],
        consumerGroupId: groupId,
        startingPosition: 'TRIM_HORIZON',
        maximumBatchingWindowSeconds: 0,
        handler: (event) => handler(event),
      });
      await source.waitUntilIdle({ timeoutMs: 30_000 });
      await source.stop();
    };
    const snapshot = async () => {
      const result: Record<string, unknown> & { records: number } = { records: 0 };
      for (const id of ['mirror-g8-a', 'mirror-g8-b']) {
        const head = await heads.read(id);
        result[id] = { version: head?.version, state: head?.state };
        result.records += head?.version ?? 0;
      }
      return result;
    };
    const close = async () => {
      await eventLog.close();
      await deadLetters.close();
      dynamo.destroy();
    };
    return { run, snapshot, topic, close };
  }
});
