import type { EventEnvelope } from '../../../../lib/envelope/eventEnvelope';
import { businessRule } from '../../../../lib/errors/domainErrors';
import { planReactions } from '../../../../lib/reactors/planReactions';
import type { Reactor } from '../../../../lib/reactors/reactor';
import type { TallyCommand, TallyEvent } from '../../../support/tallyDomain';
import { tallyCatalog } from '../../../support/tallyDomain';

// Increments are mirrored; 13 is a bug (throws), a negative amount is refused for a domain reason.
const mirror: Reactor<TallyEvent, TallyCommand> = {
  name: 'mirror',
  catalog: tallyCatalog,
  react: ({ aggregateId, event }) => {
    if (event.type !== 'TallyIncremented') return [];
    if (event.data.by === 13) throw new Error('thirteen is unlucky');
    if (event.data.by < 0) throw businessRule('nothing negative');
    return [{ aggregateId: `mirror-${aggregateId}`, command: { type: 'Increment', by: event.data.by } }];
  },
};

const incremented = (id: string, version: number, by: number): EventEnvelope<TallyEvent> => ({
  id: `tally/${id}/${version}`,
  source: 'urn:test',
  time: '2026-01-01T00:00:00.000Z',
  aggregateId: id,
  aggregateType: 'tally',
  aggregateVersion: version,
  schemaVersion: 1,
  correlationId: 'corr',
  commandId: `cmd-${version}`,
  event: { type: 'TallyIncremented', data: { by } },
});

const plan = (
  sources: Record<string, EventEnvelope<TallyEvent>[]>,
  checkpoints: Record<string, number> = {},
) => planReactions(mirror, new Map(Object.entries(sources)), new Map(Object.entries(checkpoints)));

describe('planning reactions', () => {
  it('plans a source up to the event its reaction throws on, and says where it stopped', () => {
    const planned = plan({ a: [incremented('a', 1, 1), incremented('a', 2, 13), incremented('a', 3, 3)] });

    expect(planned.thrown.get('a')).toMatchObject({ version: 2, error: new Error('thirteen is unlucky') });
    expect(planned.marks.get('a')).toEqual({ from: 0, to: 1 });
    expect(planned.byTarget.get('mirror-a')?.map((p) => p.member.metadata.commandId)).toEqual([
      'mirror/tally/a/1/0',
    ]);
    expect(planned.handled).toBe(1);
  });

  it('moves nothing for a source whose first new event throws', () => {
    const planned = plan({ a: [incremented('a', 3, 13)] }, { a: 2 });

    expect(planned.thrown.get('a')).toMatchObject({ version: 3 });
    expect(planned.marks.has('a')).toBe(false);
    expect(planned.byTarget.size).toBe(0);
  });

  it('counts a reaction refused for a domain reason as handled, asking nothing', () => {
    const planned = plan({ a: [incremented('a', 1, -1), incremented('a', 2, 2)] });

    expect(planned).toMatchObject({ handled: 2, rejected: 1 });
    expect(planned.thrown.size).toBe(0);
    expect(planned.byTarget.get('mirror-a')).toHaveLength(1);
  });

  it('fails a source with a gap as a whole, before any of its reactions', () => {
    const planned = plan({
      a: [incremented('a', 1, 13), incremented('a', 3, 3)],
      b: [incremented('b', 1, 1)],
    });

    expect(String(planned.failed.get('a'))).toMatch(/version 3 follows 1 \(gap\)/);
    expect(planned.thrown.has('a')).toBe(false);
    expect([...planned.byTarget.keys()]).toEqual(['mirror-b']);
  });

  it('derives the same command ids however often an event is planned', () => {
    const sources = { a: [incremented('a', 1, 1), incremented('a', 2, 2)] };
    const ids = () =>
      plan(sources)
        .byTarget.get('mirror-a')
        ?.map((p) => p.member.metadata.commandId);

    expect(ids()).toEqual(ids());
  });
});
