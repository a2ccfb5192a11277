import { AppError } from '../../../lib/errors/appError';
import { getSnapshot } from '../../../lib/queries/getSnapshot';
import { listSnapshots } from '../../../lib/queries/listSnapshots';
import { encodeCursor } from '../../../lib/snapshots/cursor';
import { snapshotTable } from '../projections/snapshotTableFixture';

interface Doc {
  owner: string;
  openedAt?: string;
  balance: number;
  tags?: string[];
  nested?: { deep: { value: number | null } };
}

const byOwner = (owner: string) => ({ index: 'by-owner', partitionKey: { name: 'owner', value: owner } });

describe('DynamoSnapshotStore with the query helpers (dynalite)', () => {
  // One table for the file; every test uses its own ids and owners.
  let table: Awaited<ReturnType<typeof snapshotTable<Doc>>>;
  beforeAll(async () => {
    table = await snapshotTable<Doc>('queries');
  });
  afterAll(() => table.client.destroy());
  const setup = () => table;

  it('round-trips documents with nesting, lists and nulls, and writes conditionally on the version', async () => {
    const { store } = setup();
    const doc: Doc = { owner: 'ann', balance: 3, tags: ['x', 'y'], nested: { deep: { value: null } } };
    expect(await store.put({ id: 'a', version: 1, doc }, 0)).toBe(true);
    expect(await store.put({ id: 'a', version: 1, doc }, 0)).toBe(false);
    expect(await store.put({ id: 'a', version: 3, doc }, 2)).toBe(false);
    expect(await store.put({ id: 'a', version: 2, doc: { ...doc, balance: 4 } }, 1)).toBe(true);
    expect(await store.get('a', { consistent: true })).toEqual({
      id: 'a',
      version: 2,
      doc: { ...doc, balance: 4 },
    });
    expect(await store.get('missing', { consistent: true })).toBeUndefined();
  });

  it('rejects reserved document keys before calling DynamoDB', async () => {
    const { store, counts } = setup();
    const before = counts.writes;
    await expect(
      store.put({ id: 'r', version: 1, doc: { version: 9 } as unknown as Doc }, 0),
    ).rejects.toThrow(/reserved/);
    expect(counts.writes).toBe(before);
  });

  it('reads more than 100 snapshots at once, naming ids twice and missing ones', async () => {
    const { store } = setup();
    const ids = Array.from({ length: 130 }, (_, i) => `many-${i}`);
    await Promise.all(ids.map((id) => store.put({ id, version: 1, doc: { owner: 'many', balance: 0 } }, 0)));
    const found = await store.getMany([...ids, ...ids.slice(0, 10), 'nope'], { consistent: true });
    expect(found.size).toBe(130);
    expect(found.get('many-129')).toEqual({ id: 'many-129', version: 1, doc: { owner: 'many', balance: 0 } });
  });

  it('pages through a secondary index with opaque cursors, forwards and backwards', async () => {
    const { store } = setup();
    const opened = ['2026-01-04', '2026-01-01', '2026-01-03', '2025-12-30', '2026-01-02'];
    await Promise.all(
      opened.map((openedAt, i) =>
        store.put({ id: `p${i}`, version: 1, doc: { owner: 'pat', openedAt, balance: i } }, 0),
      ),
    );
    await store.put({ id: 'unindexed', version: 1, doc: { owner: 'pat', balance: 0 } }, 0); // sparse: no openedAt

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listSnapshots(store, { ...byOwner('pat'), limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.doc.openedAt!));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...opened].sort());

    const newest = await listSnapshots(store, { ...byOwner('pat'), limit: 1, scanForward: false });
    expect(newest.items[0]?.doc.openedAt).toBe('2026-01-04');
    const january = await listSnapshots(store, {
      ...byOwner('pat'),
      sortKey: { name: 'openedAt', beginsWith: '2026-01' },
      limit: 10,
    });
    expect(january.items).toHaveLength(4);
  });

  it('turns a malformed or tampered cursor into a validation error, never a 500', async () => {
    const { store } = setup();
    await store.put({ id: 'c1', version: 1, doc: { owner: 'cy', openedAt: '1', balance: 0 } }, 0);
    const tampered = encodeCursor({ id: { S: 'c1' } }); // lacks the index key attributes
    for (const cursor of ['%%%', 'bm90IGpzb24', tampered]) {
      const failure = listSnapshots(store, { ...byOwner('cy'), limit: 5, cursor });
      await expect(failure).rejects.toBeInstanceOf(AppError);
      await expect(failure).rejects.toMatchObject({
        kind: 'validation',
        issues: [{ field: 'query.cursor' }],
      });
    }
  });

  it('getSnapshot waits for a projection write that lands while it polls (read your writes)', async () => {
    const { store } = setup();
    await store.put({ id: 'ryw', version: 1, doc: { owner: 'r', balance: 1 } }, 0);
    setTimeout(() => void store.put({ id: 'ryw', version: 2, doc: { owner: 'r', balance: 2 } }, 1), 100);

    expect(await getSnapshot(store, 'ryw', { minVersion: 2 })).toMatchObject({
      version: 2,
      doc: { balance: 2 },
    });
    await expect(getSnapshot(store, 'ryw', { minVersion: 3, maxWaitMs: 150 })).rejects.toMatchObject({
      kind: 'unavailable',
      retryAfterSeconds: 1,
      message: 'ryw is at version 2, not yet 3; retry shortly',
    });
  });
});
