import { createCommandHandler } from '../../../../lib/commands/commandHandler';
import type { CommandStep } from '../../../../lib/commands/commandTypes';
import { InMemoryEventLog } from '../../../../lib/eventLog/inMemoryEventLog';
import { InMemoryHeadStore } from '../../../../lib/heads/inMemoryHeadStore';
import type { TallyState } from '../../../support/tallyDomain';
import { meta, tallyCatalog, tallyDecider } from '../../../support/tallyDomain';

function setup() {
  const heads = new InMemoryHeadStore<TallyState>();
  const eventLog = new InMemoryEventLog();
  let crash: CommandStep | undefined;
  const handle = createCommandHandler({
    decider: tallyDecider,
    catalog: tallyCatalog,
    source: 'urn:service:tally',
    topic: 'tally',
    heads,
    eventLog,
    sleep: () => Promise.resolve(),
    hooks: {
      afterStep: (step) => {
        if (step === crash) {
          crash = undefined;
          throw new Error(`crash after ${step}`);
        }
      },
    },
  });
  const versions = () => eventLog.records.map((r) => Number(r.headers.ce_aggregateversion));
  const crashAfter = (step: CommandStep) => {
    crash = step;
  };
  return { heads, eventLog, handle, versions, crashAfter };
}

describe('the command handler', () => {
  it('appends the decided events with consecutive versions and stores the new head', async () => {
    const { handle, heads, versions } = setup();
    await handle({ aggregateId: 't', command: { type: 'Open', name: 'n' }, metadata: meta() });
    const result = await handle({
      aggregateId: 't',
      command: { type: 'Increment', by: 2, times: 2 },
      metadata: meta(),
    });

    expect(result).toMatchObject({ version: 3, state: { status: 'open', total: 4 }, replayed: false });
    expect(result.events.map((e) => e.aggregateVersion)).toEqual([2, 3]);
    expect(versions()).toEqual([1, 2, 3]);
    expect((await heads.read('t'))?.pending).toEqual([]);
  });

  it('rejects a command the decider rejects, writing and publishing nothing', async () => {
    const { handle, heads, eventLog } = setup();
    await expect(
      handle({ aggregateId: 't', command: { type: 'Close' }, metadata: meta() }),
    ).rejects.toMatchObject({
      kind: 'invalid_transition',
    });
    expect(heads.writes).toBe(0);
    expect(eventLog.records).toEqual([]);
  });

  it('answers a repeated command id with the original outcome and no new events', async () => {
    const { handle, eventLog } = setup();
    const first = await handle({
      aggregateId: 't',
      command: { type: 'Open', name: 'n' },
      metadata: meta('same'),
    });
    const again = await handle({
      aggregateId: 't',
      command: { type: 'Open', name: 'n' },
      metadata: meta('same'),
    });
    expect(again).toMatchObject({ version: first.version, replayed: true, events: [] });
    expect(eventLog.records).toHaveLength(1);
  });

  it('checks the guard on the state it read before anything else, and writes nothing when it refuses', async () => {
    const { handle, heads, eventLog } = setup();
    await handle({ aggregateId: 't', command: { type: 'Open', name: 'n' }, metadata: meta('open') });
    const seen: unknown[] = [];
    const refuse = (state: TallyState) => {
      seen.push(state);
      throw new Error('not yours');
    };
    const writes = heads.writes;
    const command = { type: 'Increment', by: 1 } as const;
    await expect(handle({ aggregateId: 't', command, metadata: meta(), guard: refuse })).rejects.toThrow(
      'not yours',
    );
    // Even a repeat of an applied command, or a stale If-Match, meets the guard first.
    await expect(
      handle({ aggregateId: 't', command, metadata: meta('open'), expectedVersion: 0, guard: refuse }),
    ).rejects.toThrow('not yours');
    expect(seen).toEqual([
      { status: 'open', total: 0 },
      { status: 'open', total: 0 },
    ]);
    expect(heads.writes).toBe(writes);
    expect(eventLog.records).toHaveLength(1);
  });

  it('raises a concurrency error when the expected version is not the current one', async () => {
    const { handle } = setup();
    await handle({ aggregateId: 't', command: { type: 'Open', name: 'n' }, metadata: meta() });
    const stale = handle({
      aggregateId: 't',
      command: { type: 'Close' },
      metadata: meta(),
      expectedVersion: 0,
    });
    await expect(stale).rejects.toMatchObject({ kind: 'concurrency', details: { actualVersion: 1 } });
  });

  it('decides nothing and writes nothing for a command without events', async () => {
    const { handle, heads } = setup();
    const result = await handle({ aggregateId: 't', command: { type: 'Noop' }, metadata: meta() });
    expect(result).toMatchObject({ version: 0, events: [] });
    expect(heads.writes).toBe(0);
  });

  it('answers 503-unavailable when publishing fails, keeps the events pending, and a retry publishes them once', async () => {
    const { handle, eventLog, heads, versions } = setup();
    eventLog.failNext('aborted');
    const first = handle({ aggregateId: 't', command: { type: 'Open', name: 'n' }, metadata: meta('k') });
    await expect(first).rejects.toMatchObject({ kind: 'unavailable' });
    expect((await heads.read('t'))?.pending).toHaveLength(1);

    const retry = await handle({
      aggregateId: 't',
      command: { type: 'Open', name: 'n' },
      metadata: meta('k'),
    });
    expect(retry).toMatchObject({ version: 1, replayed: true });
    expect(versions()).toEqual([1]);
    expect((await heads.read('t'))?.pending).toEqual([]);
  });

  it('publishes pending events of an earlier command before its own, keeping versions in order', async () => {
    const { handle, eventLog, versions } = setup();
    eventLog.failNext('unknown'); // committed, but the answer was lost
    await expect(
      handle({ aggregateId: 't', command: { type: 'Open', name: 'n' }, metadata: meta() }),
    ).rejects.toThrow();
    await handle({ aggregateId: 't', command: { type: 'Increment', by: 1 }, metadata: meta() });
    // Version 1 twice (the unknown commit did land, then the recovery) and never out of order.
    expect(versions()).toEqual([1, 1, 2]);
  });

  it.each(['read', 'deduplicated', 'decided', 'checked', 'headWritten', 'committed', 'cleared'] as const)(
    'converges after a crash after step %s when the command is retried with the same id',
    async (step) => {
      const { handle, heads, versions, crashAfter } = setup();
      await handle({ aggregateId: 't', command: { type: 'Open', name: 'n' }, metadata: meta() });
      crashAfter(step);
      const command = { type: 'Increment', by: 5 } as const;
      await expect(handle({ aggregateId: 't', command, metadata: meta('retry-me') })).rejects.toThrow(
        /crash/,
      );
      const retried = await handle({ aggregateId: 't', command, metadata: meta('retry-me') });

      expect(retried.version).toBe(2);
      expect((await heads.read('t'))?.state).toEqual({ status: 'open', total: 5 });
      expect([...new Set(versions())]).toEqual([1, 2]);
    },
  );

  it('leaves behind records an earlier command is known to have carried out (publishedThrough)', async () => {
    const { handle, heads, eventLog, versions, crashAfter } = setup();
    const increment = () =>
      handle({ aggregateId: 't', command: { type: 'Increment', by: 1, times: 1 }, metadata: meta() });
    await handle({ aggregateId: 't', command: { type: 'Open', name: 'n' }, metadata: meta() });
    // Three commands whose step h never ran: each carried the outbox before it, now versions 2–4.
    for (let n = 0; n < 3; n += 1) {
      crashAfter('committed');
      await expect(increment()).rejects.toThrow(/crash/);
    }
    eventLog.records.length = 0;
    // The command that wrote version 3 reaches its step h after version 4 was written.
    await heads.markPublished('t', 3);
    expect(await heads.read('t')).toMatchObject({ version: 4, publishedThrough: 3 });

    await increment();
    expect(versions()).toEqual([4, 5]);
    expect((await heads.read('t'))?.pending).toEqual([]);
  });

  it('serialises racing commands without an expected version: all succeed, versions are gapless', async () => {
    const { handle, heads } = setup();
    await handle({ aggregateId: 't', command: { type: 'Open', name: 'n' }, metadata: meta() });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        handle({ aggregateId: 't', command: { type: 'Increment', by: 1 }, metadata: meta() }),
      ),
    );
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect((await heads.read('t'))?.state.total).toBe(10);
  });
});
