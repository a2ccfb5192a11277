import type { Context, MSKEvent, MSKRecord } from 'aws-lambda';
import { toMskRecord } from '../../../../lib/kafka/mskRecord';
import type { ProjectionVersions, VersionState } from '../../../../lib/projectionVersions/projectionVersions';
import { asOf, versionedHandler } from '../../../../lib/projectionVersions/versionedHandler';

const record = (offset: number, time?: string): MSKRecord =>
  toMskRecord({
    topic: 'orders',
    partition: 0,
    offset: String(offset),
    timestamp: String(Date.parse('2026-12-01T00:00:00Z') + offset * 1000),
    key: Buffer.from('o-1'),
    value: Buffer.from('{}'),
    headers: time ? { ce_time: time } : {},
  });
const event = (...records: MSKRecord[]): MSKEvent =>
  ({ eventSource: 'aws:kafka', records: { 'orders-0': records } }) as unknown as MSKEvent;
const versions = (state: VersionState, until?: string): ProjectionVersions => ({
  name: 'orderViews',
  highestVersion: 2,
  revision: 3,
  versions: [{ version: 2, state, table: 't', group: 'g', createdAt: '', ...(until ? { until } : {}) }],
});

function handlerIn(record: ProjectionVersions | undefined, redrive = false, version = 2) {
  const calls: { writes: string; offsets: number[] }[] = [];
  const recorder = (writes: string) => (e: MSKEvent) => {
    calls.push({
      writes,
      offsets: Object.values(e.records)
        .flat()
        .map((r) => r.offset),
    });
    return Promise.resolve(writes);
  };
  const handler = versionedHandler({
    version,
    versions: () => Promise.resolve(record),
    conditional: recorder('conditional'),
    bulk: recorder('bulk'),
    isRedrive: () => redrive,
  });
  return { handler, calls };
}

describe('a version’s handler', () => {
  it.each<[VersionState, string]>([
    ['building', 'bulk'],
    ['freezing', 'bulk'],
    ['ready', 'conditional'],
    ['live', 'conditional'],
    ['retired', 'conditional'],
  ])('writes %s versions %s', async (state, writes) => {
    const { handler } = handlerIn(versions(state));
    await expect(handler(event(record(1)), {} as Context)).resolves.toBe(writes);
  });

  it('writes conditionally when the registry does not know the version (version 1 before any record)', async () => {
    const { handler } = handlerIn(undefined, false, 1);
    await expect(handler(event(record(1)), {} as Context)).resolves.toBe('conditional');
  });

  it('writes nothing for a later version not registered yet, and skips everything once dropped', async () => {
    const unknown = { ...versions('live'), versions: [] };
    await expect(
      handlerIn({ ...unknown, highestVersion: 1 }).handler(event(record(1)), {} as Context),
    ).rejects.toThrow(/version 2 is not registered yet/);
    const dropped = handlerIn({ ...unknown, highestVersion: 2 });
    await dropped.handler(event(record(1)), {} as Context);
    expect(dropped.calls).toEqual([{ writes: 'conditional', offsets: [] }]);
  });

  it('writes a redrive conditionally even while building: it is a second writer', async () => {
    const { handler } = handlerIn(versions('building'), true);
    await expect(handler(event(record(1)), {} as Context)).resolves.toBe('conditional');
  });

  it('skips, in a copy as of an instant, every record whose event time is later', async () => {
    const { handler, calls } = handlerIn(versions('freezing', '2026-12-01T00:00:02Z'));
    await handler(
      event(
        record(1, '2026-12-01T00:00:01Z'),
        record(2, '2026-12-01T00:00:02Z'),
        record(3, '2026-12-01T00:00:03Z'),
      ),
      {} as Context,
    );
    expect(calls).toEqual([{ writes: 'bulk', offsets: [1, 2] }]);
  });

  it('falls back on the record timestamp when a record has no event time', () => {
    const filtered = asOf(event(record(1), record(5)), '2026-12-01T00:00:02Z');
    expect(filtered.records['orders-0']!.map((r) => r.offset)).toEqual([1]);
  });
});
