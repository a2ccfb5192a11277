import { InMemoryDeadLetterSink } from '../../../../lib/deadLetter/inMemoryDeadLetterSink';
import { deadLetterHeaders, type DeadLetter } from '../../../../lib/deadLetter/deadLetterSink';
import { redriveEvent, storedLetterOf } from '../../../../lib/deadLetter/parkedLetters';
import { PARKED_REDRIVE_SOURCE } from '../../../../lib/projections/parking';
import type { Projection } from '../../../../lib/projections/projection';
import { createProjectionHandler } from '../../../../lib/projections/projectionHandler';
import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';
import {
  accountCatalog,
  accountHistory,
  accountProjection,
  type AccountDoc,
  type AccountEvent,
} from '../../../support/accountProjection';
import { FakeTopic, mskEvent } from '../../../support/mskEvents';

// A bug that only one amount triggers: the code "before the fix".
const buggy: Projection<AccountDoc, AccountEvent> = {
  ...accountProjection,
  evolve(doc, envelope) {
    if (envelope.event.type === 'MoneyDeposited' && envelope.event.data.amount === 13) {
      throw new Error('thirteen is unlucky');
    }
    return accountProjection.evolve(doc, envelope);
  },
};

function setup() {
  const store = new InMemorySnapshotStore<AccountDoc>();
  const deadLetters = new InMemoryDeadLetterSink();
  const handlerOf = (projection: Projection<AccountDoc, AccountEvent>) =>
    createProjectionHandler({ projection, store, deadLetters, log: () => undefined });
  return { store, deadLetters, buggy: handlerOf(buggy), fixed: handlerOf(accountProjection) };
}

/** The letters as `kes dlq` reads them back from the topic: the original record plus dlq_* headers. */
const readBack = (letters: readonly DeadLetter[]) =>
  letters.map((letter, index) =>
    storedLetterOf({
      ...letter.record,
      topic: 'dead-letters',
      partition: 0,
      offset: String(index),
      headers: Object.fromEntries(
        Object.entries(deadLetterHeaders(letter)).map(([name, value]) => [name, Buffer.from(value)]),
      ),
    }),
  );

describe('parking an aggregate', () => {
  it('parks the failing event and every later one of its aggregate, in order, while the rest goes on', async () => {
    const { store, deadLetters, buggy } = setup();
    const topic = new FakeTopic('accounts', 1);
    topic.append(accountCatalog, ...accountHistory('a', [5, 13, 7]), ...accountHistory('b', [1, 2]));

    const result = await buggy(mskEvent(topic.records));

    expect(result).toMatchObject({ parked: 1, parkedEvents: 2 });
    expect(await store.get('b')).toMatchObject({ version: 3 });
    expect(await store.get('a')).toMatchObject({
      version: 2,
      doc: { balance: 5 },
      parked: { version: 3, reason: 'evolve_failed', detail: 'thirteen is unlucky', letters: 2 },
    });
    expect(deadLetters.letters.map((l) => [l.reason, l.parkedAggregate, l.record.offset])).toEqual([
      ['evolve_failed', 'a', '2'],
      ['parked_behind', 'a', '3'],
    ]);
  });

  it('sends later events of a parked aggregate behind it, once each however often they are delivered', async () => {
    const { store, deadLetters, buggy } = setup();
    const topic = new FakeTopic('accounts', 1);
    topic.append(accountCatalog, ...accountHistory('a', [13]));
    await buggy(mskEvent(topic.records));
    const [, next] = topic.append(accountCatalog, ...accountHistory('a', [13, 4]).slice(2));

    await buggy(mskEvent(topic.records));
    await buggy(mskEvent(topic.records));

    expect(next).toBeUndefined();
    expect(deadLetters.letters.map((l) => l.record.offset)).toEqual(['1', '2']);
    expect((await store.get('a'))?.parked).toMatchObject({ version: 2, letters: 2 });
  });

  it('parks an aggregate at a record that names it but cannot be decoded', async () => {
    const { store, deadLetters, buggy } = setup();
    const topic = new FakeTopic('accounts', 1);
    const [opened] = topic.append(accountCatalog, ...accountHistory('a', []));
    const headers = Object.fromEntries(
      (opened!.headers as Record<string, number[]>[]).map((h) => {
        const [name, bytes] = Object.entries(h)[0]!;
        return [name, Buffer.from(bytes.map((b) => (b + 256) % 256)).toString('utf8')];
      }),
    );
    topic.appendRaw({ key: 'a', value: '{not json', headers: { ...headers, ce_aggregateversion: '2' } }, 0);

    expect(await buggy(mskEvent(topic.records))).toMatchObject({ parked: 1, poison: 0 });
    expect(await store.get('a')).toMatchObject({ version: 1, parked: { version: 2, reason: 'not_json' } });
    expect(deadLetters.letters).toHaveLength(1);
  });

  it('redrives the parked events once the code is fixed: the read model equals a clean run, twice over', async () => {
    const { store, deadLetters, buggy, fixed } = setup();
    const topic = new FakeTopic('accounts', 1);
    topic.append(accountCatalog, ...accountHistory('a', [5, 13, 7]));
    await buggy(mskEvent(topic.records));
    const clean = new InMemorySnapshotStore<AccountDoc>();
    await createProjectionHandler({
      projection: accountProjection,
      store: clean,
      deadLetters: new InMemoryDeadLetterSink(),
      log: () => undefined,
    })(mskEvent(topic.records));

    const letters = readBack(deadLetters.letters);
    expect(await fixed(redriveEvent(letters, PARKED_REDRIVE_SOURCE))).toMatchObject({
      unparked: 1,
      applied: 2,
    });
    expect(await fixed(redriveEvent(letters, PARKED_REDRIVE_SOURCE))).toMatchObject({ applied: 0 });

    expect(await store.get('a')).toEqual(await clean.get('a'));
  });

  it('leaves the mark in place when a redrive runs before the fix', async () => {
    const { store, deadLetters, buggy } = setup();
    const topic = new FakeTopic('accounts', 1);
    topic.append(accountCatalog, ...accountHistory('a', [13]));
    await buggy(mskEvent(topic.records));

    await buggy(redriveEvent(readBack(deadLetters.letters), PARKED_REDRIVE_SOURCE));

    expect((await store.get('a'))?.parked).toMatchObject({ version: 2, letters: 1 });
    expect(deadLetters.letters).toHaveLength(1);
  });

  it('refuses to lift a mark that moved while the redrive read the letters', async () => {
    const { deadLetters, buggy, fixed } = setup();
    const topic = new FakeTopic('accounts', 1);
    topic.append(accountCatalog, ...accountHistory('a', [13]));
    await buggy(mskEvent(topic.records));
    const stale = readBack(deadLetters.letters);
    topic.append(accountCatalog, ...accountHistory('a', [13, 1]).slice(2));
    await buggy(mskEvent(topic.records));

    await expect(fixed(redriveEvent(stale, PARKED_REDRIVE_SOURCE))).rejects.toThrow(
      /letters end before accounts-0@2/,
    );
  });
});
