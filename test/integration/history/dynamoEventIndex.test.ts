import { ensureTable } from '../../../lib/dynamodb/createTable';
import { DynamoEventIndex, MAX_RUN, eventIndexTableDefinition } from '../../../lib/history/dynamoEventIndex';
import type { EventLocation } from '../../../lib/history/eventIndex';
import { testDynamo } from '../support/dynamo';
import { uniqueName } from '../support/names';

const at = (version: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString();
const location = (version: number, offset = version * 10): EventLocation => ({
  version,
  topic: 'orders',
  partition: 2,
  offset: String(offset),
  time: at(version),
});
const versions = (list: readonly EventLocation[]) => list.map((l) => l.version);

describe('DynamoEventIndex', () => {
  const client = testDynamo();
  afterAll(() => client.destroy());
  const stream = { aggregateType: 'order', aggregateId: 'o-1' };

  async function index() {
    const tableName = uniqueName('event-index');
    await ensureTable(client, tableName, eventIndexTableDefinition);
    return new DynamoEventIndex(client, tableName);
  }

  it('finds every version of a long stream from any version on, across runs', async () => {
    const events = await index();
    const all = Array.from({ length: 350 }, (_, n) => location(n + 1));
    // Recorded as batches would: runs of different lengths, one redelivered batch overlapping.
    await events.record([{ stream, locations: all.slice(0, 120) }]);
    await events.record([{ stream, locations: all.slice(100, 250) }]);
    await events.record([{ stream, locations: all.slice(250) }]);

    expect(versions(await events.locate(stream, 1, 5))).toEqual([1, 2, 3, 4, 5]);
    expect(versions(await events.locate(stream, 199, 4))).toEqual([199, 200, 201, 202]);
    expect(versions(await events.locate(stream, 345, 100))).toEqual([345, 346, 347, 348, 349, 350]);
    expect((await events.locate(stream, 117, 1))[0]).toEqual(location(117));
    expect((await events.latest(stream))?.version).toBe(350);
    expect(MAX_RUN).toBe(100);
  });

  it('keeps every version when a shorter run from the same version lands after a longer one', async () => {
    // A stale invocation (its batch ended after version 1) finishing after the redelivered batch
    // that carried versions 1–5 in one run: the shorter run is another fact, not a replacement.
    const events = await index();
    await events.record([{ stream, locations: [1, 2, 3, 4, 5].map((v) => location(v)) }]);
    await events.record([{ stream, locations: [location(1)] }]);
    expect(versions(await events.locate(stream, 1, 10))).toEqual([1, 2, 3, 4, 5]);
    expect((await events.latest(stream))?.version).toBe(5);
  });

  it('finds the last version at or before an instant', async () => {
    const events = await index();
    await events.record([{ stream, locations: [1, 2, 3, 4].map((v) => location(v)) }]);
    expect((await events.versionAt(stream, at(3)))?.version).toBe(3);
    expect((await events.versionAt(stream, new Date(Date.parse(at(3)) + 500).toISOString()))?.version).toBe(
      3,
    );
    expect(await events.versionAt(stream, at(0))).toBeUndefined();
    expect((await events.versionAt(stream, '2030-01-01T00:00:00Z'))?.version).toBe(4);
  });

  it('keeps streams apart and has nothing for an unknown one', async () => {
    const events = await index();
    await events.record([{ stream, locations: [location(1)] }]);
    await events.record([
      { stream: { aggregateType: 'inventory', aggregateId: 'o-1' }, locations: [location(1, 999)] },
    ]);
    expect((await events.locate(stream, 1, 10))[0]?.offset).toBe('10');
    expect(await events.locate({ aggregateType: 'order', aggregateId: 'other' }, 1, 10)).toEqual([]);
    expect(await events.latest({ aggregateType: 'order', aggregateId: 'other' })).toBeUndefined();
  });
});
