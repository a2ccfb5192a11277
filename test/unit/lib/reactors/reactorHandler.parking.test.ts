import { createBatchCommandHandler } from '../../../../lib/commands/commandHandler';
import { InMemoryDeadLetterSink } from '../../../../lib/deadLetter/inMemoryDeadLetterSink';
import { redriveEvent } from '../../../../lib/deadLetter/parkedLetters';
import { PARKED_REDRIVE_SOURCE } from '../../../../lib/deadLetter/parkedRecords';
import { encodeEnvelope } from '../../../../lib/envelope/kafkaCodec';
import type { EventEnvelope } from '../../../../lib/envelope/eventEnvelope';
import { businessRule } from '../../../../lib/errors/domainErrors';
import { InMemoryEventLog } from '../../../../lib/eventLog/inMemoryEventLog';
import { InMemoryHeadStore } from '../../../../lib/heads/inMemoryHeadStore';
import type { Reactor } from '../../../../lib/reactors/reactor';
import {
  checkpointId,
  createReactorHandler,
  type ReactorCheckpoint,
} from '../../../../lib/reactors/reactorHandler';
import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';
import { FakeTopic, mskEvent } from '../../../support/mskEvents';
import { readBackLetters } from '../../../support/readBackLetters';
import type { TallyCommand, TallyEvent, TallyState } from '../../../support/tallyDomain';
import { tallyCatalog, tallyDecider } from '../../../support/tallyDomain';

// A mirror with a bug that one amount triggers while `bug.deployed`: the code "before the fix".
const bug = { deployed: true };
const mirror: Reactor<TallyEvent, TallyCommand> = {
  name: 'mirror',
  catalog: tallyCatalog,
  react: ({ aggregateId, event }) => {
    const target = `mirror-${aggregateId}`;
    switch (event.type) {
      case 'TallyOpened':
        return [{ aggregateId: target, command: { type: 'Open', name: event.data.name } }];
      case 'TallyIncremented':
        if (bug.deployed && event.data.by === 13) throw new Error('thirteen is unlucky');
        return [{ aggregateId: target, command: { type: 'Increment', by: event.data.by } }];
      case 'TallyClosed':
        throw businessRule('a mirror never closes'); // a refusal, not a bug
    }
  },
};

const envelope = (aggregateId: string, version: number, event: TallyEvent): EventEnvelope<TallyEvent> => ({
  id: `tally/${aggregateId}/${version}`,
  source: 'urn:test',
  time: '2026-01-01T00:00:00.000Z',
  aggregateId,
  aggregateType: 'tally',
  aggregateVersion: version,
  schemaVersion: 1,
  correlationId: `corr-${aggregateId}-${version}`,
  commandId: `cmd-${aggregateId}-${version}`,
  event,
});
const opened = (id: string) => envelope(id, 1, { type: 'TallyOpened', data: { name: id } });
const incremented = (id: string, version: number, by: number) =>
  envelope(id, version, { type: 'TallyIncremented', data: { by } });

function system() {
  const heads = new InMemoryHeadStore<TallyState>();
  const eventLog = new InMemoryEventLog();
  const dispatch = createBatchCommandHandler({
    decider: tallyDecider,
    catalog: tallyCatalog,
    source: 'urn:mirror',
    topic: 'mirror',
    heads,
    eventLog,
  });
  const checkpoints = new InMemorySnapshotStore<ReactorCheckpoint>();
  const deadLetters = new InMemoryDeadLetterSink();
  const handler = createReactorHandler({
    reactor: mirror,
    dispatch,
    checkpoints,
    deadLetters,
    log: () => undefined,
  });
  const mark = async (id: string) => (await checkpoints.get(checkpointId('mirror', id)))?.parked;
  const redrive = () => handler(redriveEvent(readBackLetters(deadLetters.letters), PARKED_REDRIVE_SOURCE));
  return { heads, eventLog, checkpoints, deadLetters, handler, mark, redrive };
}

/** One partition: a's third event trips the bug; b shares the partition. */
function topicWithBug() {
  const topic = new FakeTopic('tally', 1);
  topic.append(tallyCatalog, opened('a'), incremented('a', 2, 2), opened('b'), incremented('a', 3, 13));
  topic.append(tallyCatalog, incremented('b', 2, 1), incremented('a', 4, 4));
  return topic;
}

async function mirrorsOf(heads: InMemoryHeadStore<TallyState>) {
  const [a, b] = [await heads.read('mirror-a'), await heads.read('mirror-b')];
  return { a: { version: a?.version, state: a?.state }, b: { version: b?.version, state: b?.state } };
}

beforeEach(() => {
  bug.deployed = true;
});

describe('a reactor parking a source aggregate', () => {
  it('parks the source whose reaction throws, in order, after reacting to its earlier events; the rest goes on', async () => {
    const { handler, heads, deadLetters, mark } = system();

    const result = await handler(mskEvent(topicWithBug().records));

    expect(result).toMatchObject({ parked: 1, parkedEvents: 2, handled: 4, commands: 4 });
    expect(await mirrorsOf(heads)).toMatchObject({ a: { state: { total: 2 } }, b: { state: { total: 1 } } });
    expect(await mark('a')).toMatchObject({ version: 3, reason: 'reaction_failed', letters: 2 });
    expect(await mark('a')).toMatchObject({ through: { topic: 'tally', partition: 0, offset: '5' } });
    expect(
      deadLetters.letters.map((l) => [l.reason, l.parkedAggregate, l.consumer, l.record.offset]),
    ).toEqual([
      ['reaction_failed', 'a', 'mirror', '3'],
      ['parked_behind', 'a', 'mirror', '5'],
    ]);
  });

  it('sends later records of a parked source behind it, once each however often they are delivered', async () => {
    const { handler, deadLetters, mark } = system();
    const topic = topicWithBug();
    await handler(mskEvent(topic.records));
    topic.append(tallyCatalog, incremented('a', 5, 5));

    await handler(mskEvent(topic.records));
    expect(await handler(mskEvent(topic.records))).toMatchObject({ handled: 0, parkedEvents: 0 });

    expect(deadLetters.letters.map((l) => l.record.offset)).toEqual(['3', '5', '6']);
    expect(await mark('a')).toMatchObject({ version: 3, letters: 3, through: { offset: '6' } });
  });

  it('parks a source at a record that names it but cannot be decoded, and dead-letters nothing as poison', async () => {
    const { handler, deadLetters, mark } = system();
    const topic = new FakeTopic('tally', 1);
    topic.append(tallyCatalog, opened('a'));
    const { headers } = encodeEnvelope(incremented('a', 2, 1), tallyCatalog);
    topic.appendRaw({ key: 'a', value: '{"by":', headers });

    expect(await handler(mskEvent(topic.records))).toMatchObject({ parked: 1, poison: 0, handled: 1 });
    expect(await mark('a')).toMatchObject({ version: 2, reason: 'not_json', letters: 1 });
    expect(deadLetters.letters.map((l) => l.parkedAggregate)).toEqual(['a']);
  });

  it('counts a reaction refused for a domain reason and moves on, without parking', async () => {
    const { handler, deadLetters, checkpoints } = system();
    const topic = new FakeTopic('tally', 1);
    topic.append(tallyCatalog, opened('a'), envelope('a', 2, { type: 'TallyClosed', data: {} }));

    expect(await handler(mskEvent(topic.records))).toMatchObject({ handled: 2, rejected: 1, parked: 0 });
    expect(deadLetters.letters).toEqual([]);
    expect(await checkpoints.get(checkpointId('mirror', 'a'))).toMatchObject({ version: 2 });
  });
});

describe('redriving a parked source aggregate', () => {
  async function cleanRun() {
    bug.deployed = false;
    const clean = system();
    await clean.handler(mskEvent(topicWithBug().records));
    bug.deployed = true;
    return { mirrors: await mirrorsOf(clean.heads), events: clean.eventLog.records.length };
  }

  it('reacts to the letters once the code is fixed: the system equals a clean run, and a second redrive changes nothing', async () => {
    const clean = await cleanRun();
    const { handler, heads, eventLog, mark, redrive } = system();
    await handler(mskEvent(topicWithBug().records));

    bug.deployed = false;
    expect(await redrive()).toMatchObject({ unparked: 1, stillParked: 0, handled: 2, commands: 2 });
    expect(await redrive()).toMatchObject({ unparked: 0, handled: 0, skipped: 2, commands: 0 });

    expect(await mark('a')).toBeUndefined();
    expect(await mirrorsOf(heads)).toEqual(clean.mirrors);
    expect(eventLog.records).toHaveLength(clean.events);
  });

  it('leaves the mark where the code still fails when a redrive runs before the fix', async () => {
    const { handler, deadLetters, mark, redrive } = system();
    await handler(mskEvent(topicWithBug().records));

    expect(await redrive()).toMatchObject({ stillParked: 1, unparked: 0, handled: 0 });

    expect(await mark('a')).toMatchObject({ version: 3, letters: 2 });
    expect(deadLetters.letters).toHaveLength(2);
  });

  it('refuses to lift a mark that moved while the redrive read the letters', async () => {
    const { handler, deadLetters, mark } = system();
    const topic = topicWithBug();
    await handler(mskEvent(topic.records));
    const stale = readBackLetters(deadLetters.letters);
    topic.append(tallyCatalog, incremented('a', 5, 5));
    await handler(mskEvent(topic.records));

    bug.deployed = false;
    await expect(handler(redriveEvent(stale, PARKED_REDRIVE_SOURCE))).rejects.toThrow(
      /letters end before tally-0@6/,
    );
    expect(await mark('a')).toMatchObject({ letters: 3 });
  });

  it('parks and redrives to a clean run although the process died between the letters and the mark', async () => {
    const clean = await cleanRun();
    const { handler, heads, eventLog, checkpoints, deadLetters, redrive } = system();
    const put = checkpoints.put.bind(checkpoints);
    let crashes = 1;
    checkpoints.put = (snapshot, expected, condition) =>
      snapshot.parked && crashes-- > 0
        ? Promise.reject(new Error('died before the mark'))
        : put(snapshot, expected, condition);

    await expect(handler(mskEvent(topicWithBug().records))).rejects.toThrow(/will be retried/);
    await handler(mskEvent(topicWithBug().records));
    expect(deadLetters.letters).toHaveLength(4); // sent twice; a redrive reads each position once

    bug.deployed = false;
    expect(await redrive()).toMatchObject({ unparked: 1 });
    expect(await mirrorsOf(heads)).toEqual(clean.mirrors);
    expect(eventLog.records).toHaveLength(clean.events);
  });

  it('applies each redriven effect once although the redrive died before lifting the mark', async () => {
    const clean = await cleanRun();
    const { handler, heads, eventLog, checkpoints, mark, redrive } = system();
    await handler(mskEvent(topicWithBug().records));
    const put = checkpoints.put.bind(checkpoints);
    let crashes = 1;
    checkpoints.put = (snapshot, expected, condition) =>
      crashes-- > 0
        ? Promise.reject(new Error('died before the mark was lifted'))
        : put(snapshot, expected, condition);

    bug.deployed = false;
    await expect(redrive()).rejects.toThrow(/died before the mark was lifted/);
    expect(await mark('a')).toBeDefined();
    expect(await redrive()).toMatchObject({ unparked: 1 });

    expect(await mirrorsOf(heads)).toEqual(clean.mirrors);
    expect(eventLog.records).toHaveLength(clean.events);
  });
});
