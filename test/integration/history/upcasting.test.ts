import { ensureTable } from '../../../lib/dynamodb/createTable';
import { InMemoryDeadLetterSink } from '../../../lib/deadLetter/inMemoryDeadLetterSink';
import { encodeEnvelope } from '../../../lib/envelope/kafkaCodec';
import { createEventHistory } from '../../../lib/history/eventHistory';
import { createIndexHandler } from '../../../lib/history/indexHandler';
import { InMemoryEventIndex } from '../../../lib/history/inMemoryEventIndex';
import { KafkaLogReader } from '../../../lib/history/kafkaLogReader';
import { startMskEventSource } from '../../../lib/local/mskEventSource';
import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { snapshotAsOf } from '../../../lib/queries/snapshotAsOf';
import { DynamoSnapshotStore } from '../../../lib/snapshots/dynamoSnapshotStore';
import { snapshotTableDefinition } from '../../../lib/snapshots/snapshotTable';
import { balances, deposit, readByV3, writtenByV1 } from '../../support/upcastingDomain';
import { testDynamo } from '../support/dynamo';
import { createTopic, testKafka } from '../support/kafka';
import { uniqueName } from '../support/names';

// A log written by v1 code on a real broker, read by v3 code: the projection behind the event source
// emulator, the index, the history read back by offset and time travel all see the current schema.
describe('upcasting on a real log', () => {
  const kafka = testKafka('upcasting');
  const client = testDynamo();
  const reader = new KafkaLogReader({ kafka });
  afterAll(async () => {
    await reader.close();
    client.destroy();
  });

  it('projects, indexes and reads back v1 records as v3 events', async () => {
    const topic = await createTopic('upcasting', 2);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const written = [deposit('a', 1, 1), deposit('a', 2, 2), deposit('b', 1, 7)].map((envelope) =>
      encodeEnvelope(envelope, writtenByV1),
    );
    await producer.send({
      topic,
      messages: written.map((r) => ({ key: r.key, value: r.value, headers: { ...r.headers } })),
    });
    await producer.disconnect();

    const tableName = uniqueName('upcast-views');
    await ensureTable(client, tableName, snapshotTableDefinition());
    const views = new DynamoSnapshotStore<{ cents: number; channels: string[] }>({ client, tableName });
    const index = new InMemoryEventIndex();
    const project = createProjectionHandler({
      projection: balances,
      store: views,
      deadLetters: new InMemoryDeadLetterSink(),
      log: () => undefined,
    });
    const indexer = createIndexHandler({ index, log: () => undefined });
    const sources = await Promise.all(
      [
        ['views', project],
        ['index', indexer],
      ].map(([name, handler]) =>
        startMskEventSource({
          kafka,
          functionName: `upcast-${name as string}`,
          topics: [topic],
          consumerGroupId: uniqueName(`upcast-${name as string}`),
          batchSize: 10,
          maximumBatchingWindowSeconds: 0,
          startingPosition: 'TRIM_HORIZON',
          handler: handler as typeof project,
          log: () => undefined,
        }),
      ),
    );
    try {
      await Promise.all(sources.map((source) => source.waitUntilIdle({ timeoutMs: 30_000 })));
    } finally {
      await Promise.all(sources.map((source) => source.stop()));
    }

    expect((await views.get('a', { consistent: true }))?.doc).toEqual({
      cents: 300,
      channels: ['unknown', 'unknown'],
    });
    const history = createEventHistory({ index, reader, catalog: readByV3 });
    const { envelopes } = await history.page('a');
    expect(envelopes.map((e) => [e.schemaVersion, e.event.data])).toEqual([
      [3, { cents: 100, currency: 'EUR', channel: 'unknown' }],
      [3, { cents: 200, currency: 'EUR', channel: 'unknown' }],
    ]);
    const first = await snapshotAsOf({ history, projection: balances }, 'account', 'a', { version: 1 });
    expect(first.doc).toEqual({ cents: 100, channels: ['unknown'] });
  }, 60_000);
});
