import { createBatchCommandHandler } from '../../../../lib/commands/commandHandler';
import { InMemoryDeadLetterSink } from '../../../../lib/deadLetter/inMemoryDeadLetterSink';
import type { EventEnvelope } from '../../../../lib/envelope/eventEnvelope';
import { InMemoryEventLog } from '../../../../lib/eventLog/inMemoryEventLog';
import { InMemoryHeadStore } from '../../../../lib/heads/inMemoryHeadStore';
import type { Reactor } from '../../../../lib/reactors/reactor';
import type { ReactorCheckpoint } from '../../../../lib/reactors/reactorHandler';
import { createReactorHandler } from '../../../../lib/reactors/reactorHandler';
import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';
import { logHistory } from '../../../support/logHistory';
import { FakeTopic, mskEvent } from '../../../support/mskEvents';
import type { TallyCommand, TallyEvent, TallyState } from '../../../support/tallyDomain';
import { meta, tallyCatalog, tallyDecider } from '../../../support/tallyDomain';

// A mirror: every tally `t` has a mirror tally `mirror-t` that the reactor keeps in step.
const mirror: Reactor<TallyEvent, TallyCommand> = {
  name: 'mirror',
  catalog: tallyCatalog,
  react: ({ aggregateId, event }) => {
    switch (event.type) {
      case 'TallyOpened':
        return [{ aggregateId: `mirror-${aggregateId}`, command: { type: 'Open', name: event.data.name } }];
      case 'TallyIncremented':
        return [{ aggregateId: `mirror-${aggregateId}`, command: { type: 'Increment', by: event.data.by } }];
      case 'TallyClosed':
        // Closing twice is an invalid transition for the mirror: a domain rejection, not a failure.
        return [
          { aggregateId: `mirror-${aggregateId}`, command: { type: 'Close' } },
          { aggregateId: `mirror-${aggregateId}`, command: { type: 'Close' } },
        ];
      default:
        return [];
    }
  },
};

let sequence = 0;
function envelope(aggregateId: string, version: number, event: TallyEvent): EventEnvelope<TallyEvent> {
  sequence += 1;
  return {
    id: `tally/${aggregateId}/${version}`,
    source: 'urn:test',
    time: '2026-01-01T00:00:00.000Z',
    aggregateId,
    aggregateType: 'tally',
    aggregateVersion: version,
    schemaVersion: 1,
    correlationId: `corr-${sequence}`,
    commandId: `cmd-${sequence}`,
    event,
  };
}

function setup() {
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
  const topic = new FakeTopic('tally', 2);
  topic.append(
    tallyCatalog,
    envelope('a', 1, { type: 'TallyOpened', data: { name: 'a' } }),
    envelope('a', 2, { type: 'TallyIncremented', data: { by: 2 } }),
    envelope('b', 1, { type: 'TallyOpened', data: { name: 'b' } }),
    envelope('a', 3, { type: 'TallyIncremented', data: { by: 3 } }),
  );
  return { heads, eventLog, checkpoints, deadLetters, handler, topic };
}

describe('the reactor handler', () => {
  it('runs each source event’s commands on the target aggregates', async () => {
    const { handler, heads, topic } = setup();
    const result = await handler(mskEvent(topic.records));
    expect(result).toMatchObject({ handled: 4, commands: 4, skipped: 0 });
    expect((await heads.read('mirror-a'))?.state).toEqual({ status: 'open', total: 5 });
    expect((await heads.read('mirror-b'))?.state).toEqual({ status: 'open', total: 0 });
  });

  it('changes nothing when the same batch is delivered again, or replayed from the first offset', async () => {
    const { handler, eventLog, topic } = setup();
    await handler(mskEvent(topic.records));
    const published = eventLog.records.length;
    expect(await handler(mskEvent(topic.records))).toMatchObject({ handled: 0, skipped: 4, commands: 0 });
    expect(await handler(mskEvent(topic.records.slice(1)))).toMatchObject({ handled: 0, commands: 0 });
    expect(eventLog.records).toHaveLength(published);
  });

  it('applies an effect once when the process died between the command and the checkpoint', async () => {
    const { handler, heads, checkpoints, topic } = setup();
    const put = checkpoints.put.bind(checkpoints);
    let failures = 1;
    checkpoints.put = (snapshot, expected) =>
      failures-- > 0 ? Promise.reject(new Error('died before the checkpoint')) : put(snapshot, expected);

    await expect(handler(mskEvent(topic.records))).rejects.toThrow(/will be retried/);
    await handler(mskEvent(topic.records));
    expect((await heads.read('mirror-a'))?.state.total).toBe(5);
    expect((await heads.read('mirror-a'))?.version).toBe(3);
  });

  it('counts a command the target rejects for a domain reason and moves on', async () => {
    const { handler, topic } = setup();
    await handler(mskEvent(topic.records));
    topic.append(tallyCatalog, envelope('a', 4, { type: 'TallyClosed', data: {} }));
    const result = await handler(mskEvent(topic.records));
    expect(result).toMatchObject({ handled: 1, commands: 1, rejected: 1 });
  });

  it('reacts to events it missed by reading them back from the log when a later one arrives', async () => {
    const { heads, checkpoints, deadLetters, topic } = setup();
    const log = logHistory(topic, tallyCatalog);
    await log.sync();
    const dispatch = createBatchCommandHandler({
      decider: tallyDecider,
      catalog: tallyCatalog,
      source: 'urn:mirror',
      topic: 'mirror',
      heads,
      eventLog: new InMemoryEventLog(),
    });
    const handler = createReactorHandler({
      reactor: mirror,
      dispatch,
      checkpoints,
      deadLetters,
      history: log.history,
      log: () => undefined,
    });
    const [aOpened, , , aThird] = topic.records;
    await handler(mskEvent([aOpened!]));
    // a's version 2 went to the failure topic; version 3 arrives: both are reacted to, in order.
    expect(await handler(mskEvent([aThird!]))).toMatchObject({ handled: 2, repaired: 1, commands: 2 });
    expect((await heads.read('mirror-a'))?.state.total).toBe(5);
  });

  it('dead-letters poison and handles the records after it', async () => {
    const { handler, deadLetters, topic } = setup();
    topic.appendRaw({ key: 'a', value: 'not json at all' });
    topic.append(tallyCatalog, envelope('a', 4, { type: 'TallyIncremented', data: { by: 1 } }));
    const result = await handler(mskEvent(topic.records));
    expect(result).toMatchObject({ poison: 1, handled: 5 });
    expect(deadLetters.letters.map((l) => l.reason)).toEqual(['missing_header']);
  });
});

describe('the reactor handler with a hot target', () => {
  // Every tally's increments are summed on one aggregate: the shape of a popular sku.
  const summing: Reactor<TallyEvent, TallyCommand> = {
    name: 'summing',
    catalog: tallyCatalog,
    react: ({ event }) =>
      event.type === 'TallyIncremented'
        ? [{ aggregateId: 'total', command: { type: 'Increment', by: event.data.by } }]
        : [],
  };

  function hotSetup(maxGroupSize?: number) {
    const heads = new InMemoryHeadStore<TallyState>();
    const eventLog = new InMemoryEventLog();
    const options = { decider: tallyDecider, catalog: tallyCatalog, source: 'urn:sum', topic: 'sum' };
    const dispatch = createBatchCommandHandler({ ...options, heads, eventLog });
    const handler = createReactorHandler({
      reactor: summing,
      dispatch,
      checkpoints: new InMemorySnapshotStore<ReactorCheckpoint>(),
      deadLetters: new InMemoryDeadLetterSink(),
      log: () => undefined,
      ...(maxGroupSize === undefined ? {} : { maxGroupSize }),
    });
    return { heads, eventLog, dispatch, handler };
  }

  it('sends one batch command per 32 of a target’s commands: 70 source events, 3 head writes', async () => {
    const { heads, eventLog, dispatch, handler } = hotSetup();
    await dispatch({
      aggregateId: 'total',
      members: [{ command: { type: 'Open', name: 't' }, metadata: meta() }],
    });
    const topic = new FakeTopic('tally', 3);
    for (let n = 0; n < 70; n += 1) {
      topic.append(tallyCatalog, envelope(`s-${n}`, 1, { type: 'TallyIncremented', data: { by: n + 1 } }));
    }
    const writes = heads.writes;

    const result = await handler(mskEvent(topic.records));
    expect(result).toMatchObject({ handled: 70, commands: 70, groups: 3 });
    expect(heads.writes - writes).toBe(3);
    expect((await heads.read('total'))?.state.total).toBe((70 * 71) / 2);
    // Each command keeps the id derived from its own source event.
    expect(new Set(eventLog.records.map((r) => r.headers.ce_commandid)).size).toBe(71);
  });

  it('keeps each source’s order within a target and redelivers a whole batch without effect', async () => {
    const { heads, eventLog, dispatch, handler } = hotSetup(4);
    await dispatch({
      aggregateId: 'total',
      members: [{ command: { type: 'Open', name: 't' }, metadata: meta() }],
    });
    const topic = new FakeTopic('tally', 2);
    for (let version = 1; version <= 6; version += 1) {
      topic.append(tallyCatalog, envelope('s', version, { type: 'TallyIncremented', data: { by: version } }));
    }
    await handler(mskEvent(topic.records));
    const published = eventLog.records.length;
    const causes = eventLog.records.slice(1).map((r) => r.headers.ce_causationid);
    expect(causes).toEqual([1, 2, 3, 4, 5, 6].map((v) => `tally/s/${v}`));

    expect(await handler(mskEvent(topic.records))).toMatchObject({ handled: 0, skipped: 6, groups: 0 });
    expect(eventLog.records).toHaveLength(published);
    expect((await heads.read('total'))?.state.total).toBe(21);
  });
});
