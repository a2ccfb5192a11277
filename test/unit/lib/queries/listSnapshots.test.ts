import { listSnapshots } from '../../../../lib/queries/listSnapshots';
import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';

interface Doc {
  owner: string;
}

async function seeded() {
  const store = new InMemorySnapshotStore<Doc>([{ name: 'by-owner', partitionKey: 'owner' }]);
  for (const id of ['a', 'b', 'c']) await store.put({ id, version: 1, doc: { owner: 'ann' } }, 0);
  return store;
}

const query = { index: 'by-owner', partitionKey: { name: 'owner', value: 'ann' } };

describe('listSnapshots', () => {
  it('returns a page and a cursor to the next one', async () => {
    const store = await seeded();
    const first = await listSnapshots(store, { ...query, limit: 2 });
    expect(first.items.map((s) => s.id)).toEqual(['a', 'b']);
    const second = await listSnapshots(store, { ...query, limit: 2, cursor: first.nextCursor! });
    expect(second).toEqual({ items: [{ id: 'c', version: 1, doc: { owner: 'ann' } }] });
  });

  it.each([0, 101, 2.5, Number.NaN])(
    'rejects limit %p as a validation error on query.limit',
    async (limit) => {
      await expect(listSnapshots(await seeded(), { ...query, limit })).rejects.toMatchObject({
        kind: 'validation',
        issues: [{ field: 'query.limit', message: 'limit must be an integer from 1 to 100' }],
      });
    },
  );

  it('accepts the bounds 1 and 100', async () => {
    const store = await seeded();
    expect((await listSnapshots(store, { ...query, limit: 1 })).items).toHaveLength(1);
    expect((await listSnapshots(store, { ...query, limit: 100 })).items).toHaveLength(3);
  });

  it('turns a malformed cursor into a validation error on query.cursor', async () => {
    await expect(
      listSnapshots(await seeded(), { ...query, limit: 5, cursor: 'bm90IGpzb24' }),
    ).rejects.toMatchObject({
      kind: 'validation',
      issues: [{ field: 'query.cursor' }],
    });
  });
});
