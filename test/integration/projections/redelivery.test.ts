import type { MSKRecord } from 'aws-lambda';
import { InMemoryDeadLetterSink } from '../../../lib/deadLetter/inMemoryDeadLetterSink';
import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import {
  accountCatalog,
  accountHistory,
  accountProjection,
  type AccountDoc,
} from '../../support/accountProjection';
import { FakeTopic, mskEvent } from '../../support/mskEvents';
import { rawItem, snapshotTable } from './snapshotTableFixture';

// G2 and G7: at-least-once delivery against the real DynamoDB adapter (dynalite).
const ids = ['acc-1', 'acc-2', 'acc-3', 'acc-4'];

function topicWithHistories(): FakeTopic {
  const topic = new FakeTopic('accounts', 2);
  const histories = ids.map((id, index) =>
    accountHistory(id, [10 * (index + 1), -3, 7, 1, -2].slice(0, index + 2)),
  );
  // Interleave the aggregates as concurrent commands would.
  for (let step = 0; histories.some((history) => history.length > 0); step += 1) {
    const history = histories[step % histories.length]!;
    const next = history.shift();
    if (next) topic.append(accountCatalog, next);
  }
  return topic;
}

async function projector(prefix: string) {
  const table = await snapshotTable<AccountDoc>(prefix);
  const handler = createProjectionHandler({
    projection: accountProjection,
    store: table.store,
    deadLetters: new InMemoryDeadLetterSink(),
    log: () => undefined,
  });
  const items = () => Promise.all(ids.map((id) => rawItem(table.client, table.tableName, id)));
  return { ...table, handler, items };
}

describe('projection runner on DynamoDB under redelivery', () => {
  it('G2: a batch delivered three times and in overlapping partial batches leaves byte-identical items', async () => {
    const topic = topicWithHistories();
    const clean = await projector('g2-clean');
    const messy = await projector('g2-messy');
    const all = topic.records;
    const p0 = topic.partition(0);
    const p1 = topic.partition(1);

    await clean.handler(mskEvent(all));
    const expected = await clean.items();

    const prefix = (log: MSKRecord[], n: number) => log.slice(0, n);
    await messy.handler(mskEvent([...prefix(p0, 3), ...prefix(p1, 2)]));
    await messy.handler(mskEvent([...prefix(p0, 5), ...prefix(p1, 1)])); // overlaps the first
    await messy.handler(mskEvent([...p0.slice(2), ...p1.slice(1)])); // a suffix, overlapping both
    const afterPartials = await messy.items();
    for (let time = 0; time < 3; time += 1) await messy.handler(mskEvent(all));
    await messy.handler(mskEvent([...p1.slice(3), ...p0.slice(4)]));

    expect(afterPartials).toEqual(expected);
    expect(await messy.items()).toEqual(expected);
    expect(JSON.parse(expected[3]!)).toMatchObject({ id: { S: 'acc-4' }, version: { N: '6' } });
    clean.client.destroy();
    messy.client.destroy();
  });

  it('G2: the same batch delivered three times writes once and then skips everything', async () => {
    const topic = topicWithHistories();
    const { handler, counts, items, client } = await projector('g2-thrice');

    const first = await handler(mskEvent(topic.records));
    const once = await items();
    const second = await handler(mskEvent(topic.records));
    const third = await handler(mskEvent(topic.records));

    expect(first).toMatchObject({ applied: topic.records.length, writes: ids.length });
    expect(second).toMatchObject({ applied: 0, skipped: topic.records.length, writes: 0 });
    expect(third).toEqual(second);
    expect(counts.writes).toBe(ids.length);
    expect(await items()).toEqual(once);
    client.destroy();
  });

  it('G7: k events of one aggregate in one batch make exactly one DynamoDB write', async () => {
    const k = 60;
    const topic = new FakeTopic('accounts', 1);
    topic.append(
      accountCatalog,
      ...accountHistory(
        'busy',
        Array.from({ length: k - 1 }, (_, i) => i + 1),
      ),
    );
    const { handler, counts, store, client } = await projector('g7');

    const result = await handler(mskEvent(topic.records));

    expect(result).toMatchObject({ records: k, applied: k, writes: 1, aggregates: 1 });
    expect(counts.writes).toBe(1);
    expect(await store.get('busy', { consistent: true })).toMatchObject({
      version: k,
      doc: { movements: k - 1, balance: ((k - 1) * k) / 2 },
    });
    client.destroy();
  });
});
