import type { MSKRecord } from 'aws-lambda';
import type { EventEnvelope } from '../../../../lib/envelope/eventEnvelope';
import { encodeEnvelope } from '../../../../lib/envelope/kafkaCodec';
import { mskRecordsInOrder } from '../../../../lib/kafka/mskRecord';
import { decodeBatch } from '../../../../lib/projections/decodeBatch';
import { heldSources } from '../../../../lib/reactors/parkedSources';
import { planReactions } from '../../../../lib/reactors/planReactions';
import type { Reactor } from '../../../../lib/reactors/reactor';
import type { ReactorCheckpoint } from '../../../../lib/reactors/reactorCheckpoints';
import { planReactorParking } from '../../../../lib/reactors/reactorParking';
import type { ParkedMark, Snapshot } from '../../../../lib/snapshots/snapshotStore';
import { FakeTopic, mskEvent } from '../../../support/mskEvents';
import type { TallyCommand, TallyEvent } from '../../../support/tallyDomain';
import { tallyCatalog } from '../../../support/tallyDomain';

const NOW = '2026-02-01T00:00:00.000Z';
const fixed = { value: false };
const mirror: Reactor<TallyEvent, TallyCommand> = {
  name: 'mirror',
  catalog: tallyCatalog,
  react: ({ aggregateId, event }) => {
    if (event.type !== 'TallyIncremented') return [];
    if (event.data.by === 13 && !fixed.value) throw new Error('thirteen is unlucky');
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

const checkpoint = (version: number, parked?: ParkedMark): Snapshot<ReactorCheckpoint> => ({
  id: `mirror|a`,
  version,
  doc: { reactor: 'mirror' },
  ...(parked ? { parked } : {}),
});
const mark = (offset: string, letters = 1): ParkedMark => ({
  version: 2,
  reason: 'reaction_failed',
  detail: 'version 2: thirteen is unlucky',
  since: '2026-01-15T00:00:00.000Z',
  letters,
  through: { topic: 'tally', partition: 0, offset },
});

/** Decode, hold, plan and park a batch as the handler does, purely. */
function park(records: MSKRecord[], stored: Record<string, Snapshot<ReactorCheckpoint>>, redrive = false) {
  const decoded = decodeBatch(mskRecordsInOrder(mskEvent(records)), tallyCatalog, 'mirror');
  const checkpoints = new Map(Object.entries(stored));
  const ids = [...new Set([...decoded.byAggregate.keys(), ...decoded.broken.keys()])];
  const { held, stale } = heldSources(ids, { decoded, stored: checkpoints, redrive });
  const versions = new Map(ids.map((id) => [id, checkpoints.get(id)?.version ?? 0]));
  const reacting = new Map([...decoded.byAggregate].filter(([id]) => !held.has(id)));
  const plan = planReactions(mirror, reacting, versions);
  const context = { consumer: 'mirror', decoded, stored: checkpoints, plan, held, redrive, now: () => NOW };
  return { stale, plan, parking: planReactorParking(ids, context) };
}

const letterSummary = (parking: ReturnType<typeof park>['parking']) =>
  parking.letters.map((l) => [l.reason, l.parkedAggregate, l.record.offset]);

beforeEach(() => {
  fixed.value = false;
});

describe('planning a reactor’s parking', () => {
  it('parks a source at the event its reaction throws on: letters from there on, the checkpoint one before', () => {
    const topic = new FakeTopic('tally', 1);
    topic.append(tallyCatalog, incremented('a', 1, 1), incremented('a', 2, 13), incremented('a', 3, 3));

    const { parking } = park(topic.records, {});

    expect(letterSummary(parking)).toEqual([
      ['reaction_failed', 'a', '1'],
      ['parked_behind', 'a', '2'],
    ]);
    expect(parking.writes).toEqual([
      {
        sourceId: 'a',
        version: 1,
        parked: { ...mark('2', 2), detail: 'thirteen is unlucky', since: NOW },
        expectedVersion: 0,
        parkedLetters: 0,
      },
    ]);
    expect(parking.parked).toEqual([{ sourceId: 'a', detail: 'version 2: thirteen is unlucky' }]);
  });

  it('sends a parked source’s new records behind it and moves the mark over them, not its redeliveries', () => {
    const topic = new FakeTopic('tally', 1);
    topic.append(tallyCatalog, incremented('a', 1, 1), incremented('a', 2, 13), incremented('a', 3, 3));

    const { parking, plan } = park(topic.records, { a: checkpoint(1, mark('1')) });

    expect(plan.byTarget.size).toBe(0);
    expect(letterSummary(parking)).toEqual([['parked_behind', 'a', '2']]);
    expect(parking.writes).toEqual([
      {
        sourceId: 'a',
        version: 1,
        parked: { ...mark('2', 2) },
        expectedVersion: 1,
        parkedLetters: 1,
      },
    ]);
    expect(park(topic.records.slice(0, 2), { a: checkpoint(1, mark('1')) }).parking.writes).toEqual([]);
  });

  it('parks a source at a record that names it but cannot be decoded, after reacting to those before', () => {
    const topic = new FakeTopic('tally', 1);
    topic.append(tallyCatalog, incremented('a', 1, 1));
    const { headers } = encodeEnvelope(incremented('a', 2, 2), tallyCatalog);
    topic.appendRaw({ key: 'a', value: 'not json', headers });

    const { parking, plan } = park(topic.records, {});

    expect(plan.marks.get('a')).toEqual({ from: 0, to: 1 });
    expect(letterSummary(parking)).toEqual([['not_json', 'a', '1']]);
    expect(parking.writes[0]).toMatchObject({ version: 1, parked: { version: 2, reason: 'not_json' } });
  });

  it('lifts the mark when a redrive reacts to every letter, conditional on the letters it read', () => {
    fixed.value = true;
    const topic = new FakeTopic('tally', 1);
    topic.append(tallyCatalog, incremented('a', 1, 1), incremented('a', 2, 13), incremented('a', 3, 3));

    const { parking } = park(topic.records.slice(1), { a: checkpoint(1, mark('2', 2)) }, true);

    expect(parking.writes).toEqual([{ sourceId: 'a', version: 3, expectedVersion: 1, parkedLetters: 2 }]);
    expect(parking).toMatchObject({ unparked: ['a'], stillParked: [], letters: [] });
  });

  it('moves the mark to where a redrive fails again, sending nothing', () => {
    const topic = new FakeTopic('tally', 1);
    topic.append(tallyCatalog, incremented('a', 1, 1), incremented('a', 2, 13), incremented('a', 3, 3));

    const { parking } = park(topic.records.slice(1), { a: checkpoint(1, mark('2', 2)) }, true);

    expect(parking).toMatchObject({ letters: [], stillParked: ['a'], parked: [] });
    expect(parking.writes).toEqual([
      {
        sourceId: 'a',
        version: 1,
        parked: { ...mark('2', 2), detail: 'thirteen is unlucky', since: NOW },
        expectedVersion: 1,
        parkedLetters: 2,
      },
    ]);
  });

  it('holds back a redrive whose letters end before the mark’s last one', () => {
    fixed.value = true;
    const topic = new FakeTopic('tally', 1);
    topic.append(tallyCatalog, incremented('a', 1, 1), incremented('a', 2, 13), incremented('a', 3, 3));

    const { parking, plan, stale } = park(
      topic.records.slice(1, 2),
      { a: checkpoint(1, mark('2', 2)) },
      true,
    );

    expect(String(stale.get('a'))).toMatch(/letters end before tally-0@2/);
    expect(plan.byTarget.size).toBe(0);
    expect(parking.writes).toEqual([]);
  });

  it('leaves a source with a gap to the batch’s retry', () => {
    const topic = new FakeTopic('tally', 1);
    topic.append(tallyCatalog, incremented('a', 1, 13), incremented('a', 3, 3));

    const { parking, plan } = park(topic.records, {});

    expect(plan.failed.has('a')).toBe(true);
    expect(parking).toMatchObject({ letters: [], writes: [], parked: [] });
  });
});
