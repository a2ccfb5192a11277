import type { MSKEvent, MSKRecord } from 'aws-lambda';
import fixture from '../../../fixtures/msk/mskEvent.json';
import {
  fromMskRecord,
  mskRecordsInOrder,
  toMskRecord,
  type ConsumedKafkaRecord,
} from '../../../../lib/kafka/mskRecord';

const event = fixture as unknown as MSKEvent;

const consumed = (overrides: Partial<ConsumedKafkaRecord> = {}): ConsumedKafkaRecord => ({
  topic: 'orders',
  partition: 3,
  offset: '17',
  timestamp: '1732900000123',
  key: Buffer.from('order-1'),
  value: Buffer.from('{"total":4200}'),
  headers: {},
  ...overrides,
});

const loose = (record: object) => record as unknown as MSKRecord;

describe('toMskRecord', () => {
  it('builds the AWS shape: numbers for offset and timestamp, base64 key and value, CREATE_TIME', () => {
    expect(toMskRecord(consumed())).toEqual({
      topic: 'orders',
      partition: 3,
      offset: 17,
      timestamp: 1732900000123,
      timestampType: 'CREATE_TIME',
      key: Buffer.from('order-1').toString('base64'),
      value: Buffer.from('{"total":4200}').toString('base64'),
      headers: [],
    });
  });

  it('leaves out the key and the value when they are null, as AWS does', () => {
    const record = toMskRecord(consumed({ key: null, value: null }));
    expect('key' in record).toBe(false);
    expect('value' in record).toBe(false);
  });

  it('keeps an empty value distinct from a null one', () => {
    expect(toMskRecord(consumed({ value: Buffer.alloc(0) })).value).toBe('');
  });

  it('writes one single-name header entry per value, repeated names repeated, bytes signed like Java', () => {
    const headers = { ce_type: 'Placed', trace: ['a', Buffer.from([0xc3, 0xa8])], skipped: undefined };
    expect(toMskRecord(consumed({ headers })).headers).toEqual([
      { ce_type: [80, 108, 97, 99, 101, 100] },
      { trace: [97] },
      { trace: [-61, -88] },
    ]);
  });
});

describe('fromMskRecord', () => {
  it('decodes the records of a real-shaped event', () => {
    const [first, second] = event.records['orders-0']!;
    expect(fromMskRecord(first!)).toEqual({
      topic: 'orders',
      partition: 0,
      offset: '41',
      timestamp: '1732900000123',
      key: Buffer.from('order-1'),
      value: Buffer.from('{"orderId":"order-1","total":4200}'),
      headers: {
        ce_type: Buffer.from('com.example.order.OrderPlaced.v1'),
        ce_subject: Buffer.from('order-1'),
      },
    });
    expect(fromMskRecord(second!).headers.note!.toString('utf8')).toBe('crème');
  });

  it('keeps the last value of a repeated header', () => {
    expect(fromMskRecord(event.records['orders-0']![1]!).headers.trace!.toString()).toBe('second');
  });

  it('reads an absent key as null (AWS leaves it out)', () => {
    expect(fromMskRecord(event.records['orders-1']![0]!).key).toBeNull();
  });

  it('accepts unsigned header bytes as well as signed ones', () => {
    const record = fromMskRecord(loose({ headers: [{ a: [195, 168] }, { b: [-61, -88] }] }));
    expect(record.headers).toEqual({ a: Buffer.from('è'), b: Buffer.from('è') });
  });

  it('turns malformed pieces into null or leaves them out, never throwing', () => {
    const record = fromMskRecord(
      loose({
        topic: 7,
        partition: 'x',
        offset: 1.5,
        timestamp: '123',
        key: 'not base64!',
        value: null,
        headers: [null, 'x', { ok: [1] }, { big: [256] }, { text: 'abc' }, { frac: [1.5] }],
      }),
    );
    expect(record).toEqual({
      topic: '',
      partition: -1,
      offset: '-1',
      timestamp: '123',
      key: null,
      value: null,
      headers: { ok: Buffer.from([1]) },
    });
  });

  it('copes with headers absent, empty or not an array', () => {
    for (const headers of [undefined, [], {}, 'x']) {
      expect(fromMskRecord(loose({ topic: 't', headers })).headers).toEqual({});
    }
    expect(() => fromMskRecord(undefined as unknown as MSKRecord)).not.toThrow();
  });

  it('cannot be tricked into changing the prototype by a header named __proto__', () => {
    const record = fromMskRecord(JSON.parse('{"headers":[{"__proto__":[1]}]}') as MSKRecord);
    expect(Object.getPrototypeOf(record.headers)).toBe(Object.prototype);
    expect(Object.keys(record.headers)).toEqual(['__proto__']);
  });

  it('round-trips what toMskRecord builds, tombstones and empty values included', () => {
    const cases = [
      consumed({ headers: { a: 'x', b: Buffer.from([0, 127, 128, 255]) } }),
      consumed({ key: null, value: null }),
      consumed({ value: Buffer.alloc(0) }),
    ];
    for (const original of cases) {
      const { headers, ...rest } = fromMskRecord(toMskRecord(original));
      const { headers: originalHeaders, ...originalRest } = original;
      expect(rest).toEqual(originalRest);
      const expected = Object.entries(originalHeaders).map(([k, v]) => [k, Buffer.from(v as string)]);
      expect(headers).toEqual(Object.fromEntries(expected));
    }
  });
});

describe('mskRecordsInOrder', () => {
  it('flattens the event keeping each partition in offset order', () => {
    const records = mskRecordsInOrder(event);
    expect(records.map((r) => `${r.topic}-${r.partition}@${r.offset}`)).toEqual([
      'orders-0@41',
      'orders-0@42',
      'orders-1@7',
    ]);
  });

  it('returns nothing for an event without records', () => {
    expect(mskRecordsInOrder({} as MSKEvent)).toEqual([]);
    expect(mskRecordsInOrder({ records: { 'x-0': 'oops' } } as unknown as MSKEvent)).toEqual([]);
  });
});
