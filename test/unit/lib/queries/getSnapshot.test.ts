import { AppError } from '../../../../lib/errors/appError';
import { getSnapshot } from '../../../../lib/queries/getSnapshot';
import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';

interface Doc {
  n: number;
}

async function storeAt(version: number) {
  const store = new InMemorySnapshotStore<Doc>();
  if (version > 0) await store.put({ id: 'a', version, doc: { n: version } }, 0);
  return store;
}

describe('getSnapshot', () => {
  it('returns the snapshot, or undefined when there is none (the caller answers 404)', async () => {
    const store = await storeAt(2);
    expect(await getSnapshot(store, 'a')).toEqual({ id: 'a', version: 2, doc: { n: 2 } });
    expect(await getSnapshot(store, 'missing')).toBeUndefined();
  });

  it('returns at once when the snapshot has already reached minVersion, reading consistently', async () => {
    const store = await storeAt(3);
    const get = jest.spyOn(store, 'get');
    expect(await getSnapshot(store, 'a', { minVersion: 3 })).toMatchObject({ version: 3 });
    expect(get.mock.calls).toEqual([['a', { consistent: true }]]);
  });

  it('waits for the projection to catch up with a write the caller made', async () => {
    const store = await storeAt(1);
    setTimeout(() => void store.put({ id: 'a', version: 2, doc: { n: 2 } }, 1), 60);
    const get = jest.spyOn(store, 'get');

    expect(await getSnapshot(store, 'a', { minVersion: 2, maxWaitMs: 2000 })).toMatchObject({ version: 2 });
    expect(get.mock.calls.length).toBeGreaterThan(1);
    expect(get.mock.calls.every(([, options]) => options?.consistent === true)).toBe(true);
  });

  it('waits for a snapshot that does not exist yet', async () => {
    const store = await storeAt(0);
    setTimeout(() => void store.put({ id: 'a', version: 1, doc: { n: 1 } }, 0), 30);
    expect(await getSnapshot(store, 'a', { minVersion: 1 })).toMatchObject({ version: 1 });
  });

  it('gives up after maxWaitMs with unavailable, Retry-After 1 and how far the snapshot is', async () => {
    const store = await storeAt(3);
    const started = Date.now();
    const failure = getSnapshot(store, 'a', { minVersion: 5, maxWaitMs: 100 });

    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({
      kind: 'unavailable',
      retryAfterSeconds: 1,
      message: 'a is at version 3, not yet 5; retry shortly',
      details: { id: 'a', version: 3, minVersion: 5 },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('says version 0 for a snapshot that never appeared', async () => {
    await expect(getSnapshot(await storeAt(0), 'a', { minVersion: 1, maxWaitMs: 0 })).rejects.toMatchObject({
      message: 'a is at version 0, not yet 1; retry shortly',
    });
  });

  it('returns undefined for minVersion 0 and no snapshot', async () => {
    expect(await getSnapshot(await storeAt(0), 'a', { minVersion: 0 })).toBeUndefined();
  });

  it.each([-1, 1.5, Number.NaN])('rejects minVersion %p as a validation error', async (minVersion) => {
    await expect(getSnapshot(await storeAt(1), 'a', { minVersion })).rejects.toMatchObject({
      kind: 'validation',
      issues: [{ field: 'minVersion' }],
    });
  });

  it('treats a snapshot the caller may not see exactly as a missing one, waiting included', async () => {
    const store = await storeAt(2);
    const hidden = { visible: () => false };
    expect(await getSnapshot(store, 'a', hidden)).toBeUndefined();
    const waited = getSnapshot(store, 'a', { ...hidden, minVersion: 1, maxWaitMs: 60 });
    await expect(waited).rejects.toMatchObject({ kind: 'unavailable', details: { version: 0 } });
    expect(await getSnapshot(store, 'a', { visible: () => true, minVersion: 1 })).toMatchObject({
      version: 2,
    });
  });
});
