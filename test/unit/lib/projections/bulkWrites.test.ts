import { InMemoryDeadLetterSink } from '../../../../lib/deadLetter/inMemoryDeadLetterSink';
import { createProjectionHandler } from '../../../../lib/projections/projectionHandler';
import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';
import {
  accountCatalog,
  accountHistory,
  accountProjection,
  type AccountDoc,
} from '../../../support/accountProjection';
import { FakeTopic, mskEvent } from '../../../support/mskEvents';

function setup(writes: 'conditional' | 'bulk') {
  const store = new InMemorySnapshotStore<AccountDoc>();
  const handler = createProjectionHandler({
    projection: accountProjection,
    store,
    deadLetters: new InMemoryDeadLetterSink(),
    log: () => undefined,
    writes,
  });
  return { store, handler };
}

function topicWithHistories() {
  const topic = new FakeTopic('accounts', 3);
  topic.append(
    accountCatalog,
    ...accountHistory('a', [10, -3, 4]),
    ...accountHistory('b', [5]),
    ...accountHistory('c', [1, 1, 1, 1]),
  );
  return topic;
}

const ids = ['a', 'b', 'c'];

describe('createProjectionHandler with bulk writes (a rebuild)', () => {
  it('gives the same snapshots, batch by batch, as conditional writes', async () => {
    const records = topicWithHistories().records;
    const conditional = setup('conditional');
    const bulk = setup('bulk');

    for (const batch of [records.slice(0, 4), records.slice(4, 9), records.slice(9)]) {
      const expected = await conditional.handler(mskEvent(batch));
      expect(await bulk.handler(mskEvent(batch))).toEqual(expected);
    }

    expect(await bulk.store.getMany(ids)).toEqual(await conditional.store.getMany(ids));
  });

  it('skips a redelivered batch by version and writes nothing', async () => {
    const records = topicWithHistories().records;
    const { store, handler } = setup('bulk');
    await handler(mskEvent(records));
    const first = await store.getMany(ids);
    const writes = store.writes;

    const again = await handler(mskEvent(records));

    expect(again).toMatchObject({ applied: 0, skipped: records.length, writes: 0 });
    expect(store.writes).toBe(writes);
    expect(await store.getMany(ids)).toEqual(first);
  });

  it('applies only the new part of an overlapping redelivery', async () => {
    const records = topicWithHistories().records;
    const { store, handler } = setup('bulk');
    await handler(mskEvent(records.slice(0, 6)));

    const result = await handler(mskEvent(records));

    expect(result).toMatchObject({ applied: records.length - 6, skipped: 6 });
    expect(await store.get('c')).toMatchObject({ version: 5, doc: { balance: 4 } });
  });

  it('fails the batch when the bulk write fails, so it is retried', async () => {
    const { store, handler } = setup('bulk');
    store.failNextPut();

    await expect(handler(mskEvent(topicWithHistories().records))).rejects.toThrow(/simulated/);
  });
});
