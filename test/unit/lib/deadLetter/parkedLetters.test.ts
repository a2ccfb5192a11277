import type { DeadLetter } from '../../../../lib/deadLetter/deadLetterSink';
import { groupLetters, letterGroupState } from '../../../../lib/deadLetter/parkedLetters';
import type { RawKafkaRecord } from '../../../../lib/kafka/mskRecord';
import { readBackLetters } from '../../../support/readBackLetters';

const record = (offset: number): RawKafkaRecord => ({
  topic: 'orders',
  partition: 2,
  offset: String(offset),
  timestamp: '1767225600000',
  key: Buffer.from('ord-1'),
  value: Buffer.from('{}'),
  headers: {},
});
const parked = (offset: number, reason: string): DeadLetter => ({
  record: record(offset),
  reason,
  detail: 'version 3: thirteen is unlucky',
  consumer: 'inventory-on-order',
  parkedAggregate: 'ord-1',
});
const poison: DeadLetter = {
  record: record(9),
  reason: 'not_json',
  detail: 'x',
  consumer: 'inventory-on-order',
};

describe('entries of kes dlq list', () => {
  const [group, poisonGroup] = groupLetters(
    readBackLetters([
      parked(4, 'reaction_failed'),
      parked(7, 'parked_behind'),
      parked(4, 'reaction_failed'),
      poison,
    ]),
  );

  it('groups a parked source aggregate’s letters once each, from its first to its last record', () => {
    expect(group).toMatchObject({
      id: 'inventory-on-order/ord-1',
      reason: 'reaction_failed',
      first: 'orders-2@4',
      last: 'orders-2@7',
      count: 2,
    });
  });

  it('says redriven for a group whose aggregate has no mark any more, parked while it has one', () => {
    expect(letterGroupState(group!, true)).toBe('parked');
    expect(letterGroupState(group!, false)).toBe('redriven');
  });

  it('says poison for records that name no aggregate, whatever the marks say', () => {
    expect(letterGroupState(poisonGroup!, false)).toBe('poison');
  });
});
