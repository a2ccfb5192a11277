import { InMemoryDeadLetterSink } from '../../../../lib/deadLetter/inMemoryDeadLetterSink';
import { DlqHeader } from '../../../../lib/deadLetter/deadLetterSink';
import { createProjectionHandler } from '../../../../lib/projections/projectionHandler';
import { ProjectionBatchError } from '../../../../lib/projections/projectionBatchError';
import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';
import {
  accountCatalog,
  accountEnvelope,
  accountHistory,
  accountProjection,
  type AccountDoc,
} from '../../../support/accountProjection';
import { logHistory } from '../../../support/logHistory';
import { FakeTopic, mskEvent } from '../../../support/mskEvents';

function setup() {
  const store = new InMemorySnapshotStore<AccountDoc>();
  const deadLetters = new InMemoryDeadLetterSink();
  const lines: string[] = [];
  const handler = createProjectionHandler({
    projection: accountProjection,
    store,
    deadLetters,
    log: (line) => lines.push(line),
  });
  return { store, deadLetters, lines, handler, topic: new FakeTopic('accounts', 3) };
}

describe('createProjectionHandler', () => {
  it('folds every event of a batch into one snapshot per aggregate', async () => {
    const { store, handler, topic } = setup();
    topic.append(accountCatalog, ...accountHistory('a', [10, -3]), ...accountHistory('b', [5]));

    const result = await handler(mskEvent(topic.records));

    expect(result).toEqual({
      records: 5,
      applied: 5,
      skipped: 0,
      poison: 0,
      writes: 2,
      aggregates: 2,
      repaired: 0,
      parked: 0,
      parkedEvents: 0,
      unparked: 0,
      stillParked: 0,
    });
    expect(await store.get('a')).toMatchObject({ version: 3, doc: { balance: 7, movements: 2 } });
    expect(await store.get('b')).toMatchObject({ version: 2, doc: { balance: 5, movements: 1 } });
  });

  it('gives the same snapshots when the same batch is applied twice, and the second writes nothing', async () => {
    const { store, handler, topic } = setup();
    topic.append(accountCatalog, ...accountHistory('a', [10, -3]));
    await handler(mskEvent(topic.records));
    const first = await store.get('a');

    const again = await handler(mskEvent(topic.records));

    expect(again).toMatchObject({ applied: 0, skipped: 3, writes: 0 });
    expect(await store.get('a')).toEqual(first);
  });

  it('continues from the stored version, skipping what an overlapping batch already applied', async () => {
    const { store, handler, topic } = setup();
    const records = topic.append(accountCatalog, ...accountHistory('a', [1, 2, 3, 4]));
    await handler(mskEvent(records.slice(0, 3)));

    const result = await handler(mskEvent(records.slice(1)));

    expect(result).toMatchObject({ applied: 2, skipped: 2, writes: 1 });
    expect(await store.get('a')).toMatchObject({ version: 5, doc: { balance: 10 } });
  });

  it('skips a republished event that arrives after later versions', async () => {
    const { store, handler, topic } = setup();
    const history = accountHistory('a', [1, 2]);
    topic.append(accountCatalog, ...history, history[1]!);

    expect(await handler(mskEvent(topic.records))).toMatchObject({ applied: 3, skipped: 1 });
    expect(await store.get('a')).toMatchObject({ version: 3, doc: { balance: 3 } });
  });

  it('writes the aggregates without gaps, then throws naming the aggregate and versions of the gap', async () => {
    const { store, handler, topic } = setup();
    const [opened, first, , third] = accountHistory('gappy', [1, 2, 4]);
    topic.append(accountCatalog, opened!, first!, third!, ...accountHistory('fine', [7]));

    const failure = handler(mskEvent(topic.records));

    await expect(failure).rejects.toThrow(ProjectionBatchError);
    await expect(failure).rejects.toThrow(/gappy \(gap: at version 2, next in batch is 4\)/);
    expect(await store.get('fine')).toMatchObject({ version: 2, doc: { balance: 7 } });
    // What came before the gap is applied: the retry only has to wait for version 3.
    expect(await store.get('gappy')).toMatchObject({ version: 2, doc: { balance: 1 } });
  });

  it('fills a gap by reading the missing versions back from the log, instead of failing the batch', async () => {
    const { store, deadLetters, topic } = setup();
    const log = logHistory(topic, accountCatalog);
    const handler = createProjectionHandler({
      projection: accountProjection,
      store,
      deadLetters,
      history: log.history,
      log: () => undefined,
    });
    const records = topic.append(accountCatalog, ...accountHistory('gappy', [1, 2, 3]));
    await log.sync();
    // The batch of versions 2 to 4 was lost to the failure topic: this one holds version 5.
    const later = topic.append(accountCatalog, ...accountHistory('gappy', [1, 2, 3, 4]).slice(4));
    await log.sync();

    expect(await handler(mskEvent([records[0]!]))).toMatchObject({ applied: 1 });
    expect(await handler(mskEvent(later))).toMatchObject({ applied: 4, repaired: 3 });
    expect(await store.get('gappy')).toMatchObject({ version: 5, doc: { balance: 1 + 2 + 3 + 4 } });
  });

  it('keeps a gap the log cannot fill yet, and the retry fills it once the index has caught up', async () => {
    const { store, deadLetters, topic } = setup();
    const log = logHistory(topic, accountCatalog);
    const handler = createProjectionHandler({
      projection: accountProjection,
      store,
      deadLetters,
      history: log.history,
      log: () => undefined,
    });
    const [opened, first, second] = topic.append(accountCatalog, ...accountHistory('a', [1, 2]));
    await log.sync([opened!]);

    await handler(mskEvent([opened!]));
    await expect(handler(mskEvent([second!]))).rejects.toThrow(/a \(gap: at version 1, next in batch is 3\)/);
    await log.sync([first!]);
    expect(await handler(mskEvent([second!]))).toMatchObject({ repaired: 1, applied: 2 });
  });

  it('dead-letters poison before writing and processes the records after it', async () => {
    const { store, deadLetters, handler, topic } = setup();
    topic.append(accountCatalog, accountEnvelope('a', 1, { type: 'AccountOpened', data: { owner: 'o' } }));
    const bad = topic.appendRaw({ key: 'a', value: 'not json at all', headers: {} }, 0);
    topic.append(accountCatalog, accountEnvelope('a', 2, { type: 'MoneyDeposited', data: { amount: 4 } }));

    const result = await handler(mskEvent(topic.records));

    expect(result).toMatchObject({ records: 3, poison: 1, applied: 2 });
    expect(deadLetters.letters).toHaveLength(1);
    expect(deadLetters.letters[0]).toMatchObject({ reason: 'missing_header', consumer: 'accounts' });
    expect(deadLetters.letters[0]!.record.offset).toBe(String(bad.offset));
    expect(await store.get('a')).toMatchObject({ version: 2, doc: { balance: 4 } });
    expect(DlqHeader.reason).toBe('dlq_reason');
  });

  it('fails the batch before any write when dead-lettering fails', async () => {
    const { store, deadLetters, handler, topic } = setup();
    topic.append(accountCatalog, ...accountHistory('a', [1]));
    topic.appendRaw({ key: null, value: null });
    deadLetters.failNext();

    await expect(handler(mskEvent(topic.records))).rejects.toThrow('simulated dead-letter failure');
    expect(store.writes).toBe(0);
  });

  it('makes exactly one conditional write per aggregate however many events it has', async () => {
    const { store, handler, topic } = setup();
    topic.append(
      accountCatalog,
      ...accountHistory(
        'a',
        Array.from({ length: 40 }, () => 1),
      ),
    );

    expect(await handler(mskEvent(topic.records))).toMatchObject({ applied: 41, writes: 1 });
    expect(store.writes).toBe(1);
  });

  it('throws when another writer moved the snapshot, and the retry folds onto the newer one', async () => {
    const { store, handler, topic } = setup();
    const records = topic.append(accountCatalog, ...accountHistory('a', [1, 2]));
    const put = store.put.bind(store);
    let raced = false;
    jest.spyOn(store, 'put').mockImplementation(async (snapshot, expected) => {
      if (!raced) {
        raced = true; // a concurrent writer applies version 1 between our read and our write
        await put(
          { id: 'a', version: 1, doc: accountProjection.evolve(undefined, accountHistory('a', [])[0]!) },
          0,
        );
      }
      return put(snapshot, expected);
    });

    await expect(handler(mskEvent(records))).rejects.toThrow(/a \(conflict: not at version 0\)/);
    expect(await handler(mskEvent(records))).toMatchObject({ applied: 2, skipped: 1 });
    expect(await store.get('a')).toMatchObject({ version: 3, doc: { balance: 3 } });
  });

  it('recovers from a crash part-way through the writes: redelivery completes the rest', async () => {
    const { store, handler, topic } = setup();
    topic.append(accountCatalog, ...accountHistory('a', [1]), ...accountHistory('b', [2]));
    store.failNextPut();

    await expect(handler(mskEvent(topic.records))).rejects.toThrow(
      /write: Error: simulated DynamoDB failure/,
    );
    expect(await handler(mskEvent(topic.records))).toMatchObject({ applied: 2, skipped: 2, writes: 1 });
    expect((await store.get('a'))?.version).toBe(2);
    expect((await store.get('b'))?.version).toBe(2);
  });

  it('parks only the aggregate whose evolve throws, visibly, and lets the batch succeed', async () => {
    const { store, topic, handler, lines } = setup();
    topic.append(
      accountCatalog,
      accountEnvelope('orphan', 1, { type: 'MoneyDeposited', data: { amount: 1 } }),
    );
    topic.append(accountCatalog, ...accountHistory('fine', [1]));

    // A retry would fail the same way: the batch goes on, and the log line names who waits.
    expect(await handler(mskEvent(topic.records))).toMatchObject({ parked: 1, writes: 2 });
    expect((await store.get('fine'))?.version).toBe(2);
    expect(await store.get('orphan')).toMatchObject({ version: 0, parked: { version: 1, letters: 1 } });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'error',
      parkedAggregates: [
        { aggregateId: 'orphan', detail: expect.stringMatching(/version 1: .*before AccountOpened/) },
      ],
    });
  });

  it('logs one JSON line per batch, with counts, and the poison coordinates but not their detail', async () => {
    const { lines, handler, topic } = setup();
    topic.append(accountCatalog, ...accountHistory('a', [1]));
    const bad = topic.appendRaw({ key: 'x', value: 'secret-ish payload', headers: {} }, 1);

    await handler(mskEvent(topic.records));

    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', projection: 'accounts', records: 3, applied: 2, poison: 1 });
    expect(line.poisonRecords).toEqual([`accounts-1@${bad.offset}: missing_header`]);
    expect(lines[0]).not.toContain('secret-ish');
  });

  it('logs a failed batch at error level and rethrows', async () => {
    const { lines, handler, topic, store } = setup();
    topic.append(accountCatalog, ...accountHistory('a', [1]));
    store.failNextPut();

    await expect(handler(mskEvent(topic.records))).rejects.toThrow();
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'error',
      writes: 0,
      error: { name: 'ProjectionBatchError' },
    });
  });

  it('accepts an empty event', async () => {
    const { handler } = setup();
    expect(await handler(mskEvent([]))).toEqual({
      records: 0,
      applied: 0,
      skipped: 0,
      poison: 0,
      writes: 0,
      aggregates: 0,
      repaired: 0,
      parked: 0,
      parkedEvents: 0,
      unparked: 0,
      stillParked: 0,
    });
  });
});
