import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';

interface Doc {
  owner?: string;
  openedAt?: string;
  tags?: string[];
}

const store = () =>
  new InMemorySnapshotStore<Doc>([
    { name: 'by-owner', partitionKey: 'owner', sortKey: 'openedAt' },
    { name: 'owner-only', partitionKey: 'owner' },
  ]);

describe('InMemorySnapshotStore', () => {
  it('writes only when the stored version is the expected one (0: none may exist)', async () => {
    const s = store();
    expect(await s.put({ id: 'a', version: 1, doc: {} }, 0)).toBe(true);
    expect(await s.put({ id: 'a', version: 1, doc: {} }, 0)).toBe(false);
    expect(await s.put({ id: 'a', version: 3, doc: {} }, 2)).toBe(false);
    expect(await s.put({ id: 'a', version: 3, doc: { owner: 'o' } }, 1)).toBe(true);
    expect(await s.get('a')).toEqual({ id: 'a', version: 3, doc: { owner: 'o' } });
    expect(s.writes).toBe(2);
  });

  it('stores copies: mutating a written or a read document does not change the store', async () => {
    const s = store();
    const doc = { tags: ['x'] };
    await s.put({ id: 'a', version: 1, doc }, 0);
    doc.tags.push('mutated');
    (await s.get('a'))!.doc.tags!.push('mutated too');
    expect((await s.get('a'))!.doc).toEqual({ tags: ['x'] });
  });

  it('drops undefined values as DynamoDB does', async () => {
    const s = store();
    await s.put({ id: 'a', version: 1, doc: { owner: undefined, openedAt: 't' } }, 0);
    expect((await s.get('a'))!.doc).toEqual({ openedAt: 't' });
  });

  it('rejects reserved document keys', async () => {
    await expect(store().put({ id: 'a', version: 1, doc: { id: 'x' } as Doc }, 0)).rejects.toThrow(
      /reserved/,
    );
  });

  it('returns the existing snapshots among the ids asked for', async () => {
    const s = store();
    await s.put({ id: 'a', version: 1, doc: {} }, 0);
    const found = await s.getMany(['a', 'missing', 'a']);
    expect([...found.keys()]).toEqual(['a']);
  });

  it('fails the next put when told to', async () => {
    const s = store();
    s.failNextPut(new Error('boom'));
    await expect(s.put({ id: 'a', version: 1, doc: {} }, 0)).rejects.toThrow('boom');
    expect(await s.put({ id: 'a', version: 1, doc: {} }, 0)).toBe(true);
  });

  describe('query', () => {
    async function seeded() {
      const s = store();
      const docs: [string, Doc][] = [
        ['a', { owner: 'ann', openedAt: '2026-01-03' }],
        ['b', { owner: 'ann', openedAt: '2026-01-01' }],
        ['c', { owner: 'bob', openedAt: '2026-01-02' }],
        ['d', { owner: 'ann', openedAt: '2025-12-31' }],
        ['e', { owner: 'ann' }], // no sort key: not in by-owner (sparse), but in owner-only
      ];
      for (const [id, doc] of docs) await s.put({ id, version: 1, doc }, 0);
      return s;
    }
    const byOwner = { index: 'by-owner', partitionKey: { name: 'owner', value: 'ann' } };

    it('pages through an index in sort key order with cursors', async () => {
      const s = await seeded();
      const first = await s.query({ ...byOwner, limit: 2 });
      expect(first.items.map((i) => i.id)).toEqual(['d', 'b']);
      const second = await s.query({ ...byOwner, limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((i) => i.id)).toEqual(['a']);
      expect(second.nextCursor).toBeUndefined();
    });

    it('reads backwards, and filters by sort key prefix or equality', async () => {
      const s = await seeded();
      const ids = async (options: object) =>
        (await s.query({ ...byOwner, limit: 10, ...options })).items.map((i) => i.id);
      expect(await ids({ scanForward: false })).toEqual(['a', 'b', 'd']);
      expect(await ids({ sortKey: { name: 'openedAt', beginsWith: '2026-' } })).toEqual(['b', 'a']);
      expect(await ids({ sortKey: { name: 'openedAt', equals: '2025-12-31' } })).toEqual(['d']);
    });

    it('includes items lacking a sort key only in indexes without one', async () => {
      const s = await seeded();
      const page = await s.query({
        index: 'owner-only',
        partitionKey: { name: 'owner', value: 'ann' },
        limit: 10,
      });
      expect(page.items.map((i) => i.id)).toEqual(['a', 'b', 'd', 'e']);
    });

    it('rejects a malformed cursor as a validation error and an unknown index as a bug', async () => {
      const s = await seeded();
      await expect(s.query({ ...byOwner, limit: 1, cursor: 'garbage!' })).rejects.toMatchObject({
        kind: 'validation',
      });
      await expect(s.query({ ...byOwner, index: 'nope', limit: 1 })).rejects.toThrow(/index nope/);
    });
  });
});
