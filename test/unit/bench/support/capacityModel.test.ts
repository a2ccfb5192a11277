import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  indexEntry,
  readCost,
  schemaOf,
  totalUnits,
  writeCost,
  type TableSchema,
} from '../../../../bench/support/capacityModel';
import { createTableInput } from '../../../../lib/dynamodb/createTable';
import { itemBytes } from '../../../../lib/dynamodb/itemSize';
import { headTableDefinition } from '../../../../lib/heads/dynamoHeadStore';

type Item = Record<string, AttributeValue>;

/** An item of exactly `bytes` (id "x": 3 bytes, the attribute name "data": 4, the rest padding). */
const sized = (bytes: number, extra: Item = {}): Item => {
  const base: Item = { id: { S: 'x' }, ...extra };
  const padding = bytes - itemBytes(base) - 'data'.length;
  return { ...base, data: { S: 'a'.repeat(padding) } };
};

const KB = 1024;
const plain: TableSchema = { partitionKey: 'id', indexes: [] };
const keysOnly = schemaOf(createTableInput('heads', headTableDefinition));
// The heads table as it was first defined (one index projecting ALL), for the rules of such an index.
const heads: TableSchema = {
  ...keysOnly,
  indexes: keysOnly.indexes.map((index) => ({
    ...index,
    name: 'pending-since',
    projection: { type: 'ALL' as const },
  })),
};
const pending = (since = '2026-12-01T00:00:00.000Z'): Item => ({
  pendingShard: { S: 'pending' },
  pendingSince: { S: since },
});

describe('write units (AWS read-write-operations examples)', () => {
  it('bills an item of 1.5 KB 2 WCU and one of 500 bytes 1 WCU', () => {
    expect(writeCost(plain, undefined, sized(1.5 * KB)).table).toBe(2);
    expect(writeCost(plain, undefined, sized(500)).table).toBe(1);
  });

  it('bills an update for the larger of the item before and after', () => {
    expect(writeCost(plain, sized(3 * KB), sized(900)).table).toBe(3);
    expect(writeCost(plain, sized(900), sized(2 * KB + 1)).table).toBe(3);
  });

  it('bills a failed conditional write for the item as it is, and at least 1 WCU', () => {
    expect(writeCost(plain, sized(300 * KB), sized(310 * KB), false).table).toBe(300);
    expect(writeCost(plain, sized(300 * KB), sized(310 * KB)).table).toBe(310);
    expect(writeCost(plain, undefined, sized(5 * KB), false).table).toBe(1);
  });

  it('bills a delete for the item deleted, and an absent one 1 WCU', () => {
    expect(writeCost(plain, sized(2.5 * KB), undefined).table).toBe(3);
    expect(writeCost(plain, undefined, undefined).table).toBe(1);
  });
});

describe('index writes (GSI.html rules) on the heads table', () => {
  it('reads the recovery index from the definition CreateTable gets: keys only', () => {
    expect(keysOnly.indexes).toEqual([
      {
        name: 'pending-by-shard',
        partitionKey: 'pendingShard',
        sortKey: 'pendingSince',
        projection: { type: 'KEYS_ONLY' },
      },
    ]);
  });

  it('writes nothing to a sparse index for an item without its key', () => {
    expect(writeCost(heads, sized(900), sized(950)).indexes).toEqual([]);
  });

  it('puts an item entering the index as its size + 100 bytes', () => {
    const after = sized(1000, pending());
    const cost = writeCost(heads, undefined, after);
    expect(cost.indexes).toEqual([
      { index: 'pending-since', kind: 'insert', partition: '{"S":"pending"}', bytes: 1100, units: 2 },
    ]);
    expect(totalUnits(cost)).toBe(1 + 2);
  });

  it('deletes the entry of an item leaving the index, billed by the entry deleted', () => {
    const before = sized(2000, pending());
    const { pendingShard: _s, pendingSince: _t, ...after } = before;
    const cost = writeCost(heads, before, after);
    expect(cost.table).toBe(2);
    expect(cost.indexes).toEqual([expect.objectContaining({ kind: 'delete', bytes: 2100, units: 3 })]);
  });

  it('bills a change of an index key as a delete and a put', () => {
    const before = sized(500, pending('2026-12-01T00:00:00.000Z'));
    const after = sized(500, pending('2026-12-01T00:00:01.000Z'));
    expect(writeCost(heads, before, after).indexes.map((w) => [w.kind, w.units])).toEqual([
      ['delete', 1],
      ['insert', 1],
    ]);
  });

  it('bills a change of projected attributes under the same keys as one update of the larger entry', () => {
    const before = sized(900, pending());
    const after = sized(1900, pending());
    expect(writeCost(heads, before, after).indexes).toEqual([
      expect.objectContaining({ kind: 'update', bytes: 2000, units: 2 }),
    ]);
  });

  it('writes nothing to the index when nothing it projects changed', () => {
    const item = sized(900, pending());
    expect(writeCost(keysOnly, item, { ...item, data: { S: 'changed' } }).indexes).toEqual([]);
  });

  it('sizes a KEYS_ONLY entry as the table and index keys + 100 bytes', () => {
    const item = { ...sized(3000), ...pending() };
    const entry = indexEntry(keysOnly, keysOnly.indexes[0]!, item);
    // id "x" (3) + pendingShard "pending" (19) + pendingSince (12 + 24) = 58
    expect(itemBytes(entry)).toBe(58);
    expect(writeCost(keysOnly, undefined, item).indexes[0]).toEqual(
      expect.objectContaining({ bytes: 158, units: 1 }),
    );
  });

  it('changes no index when the condition failed', () => {
    expect(writeCost(heads, undefined, sized(500, pending()), false).indexes).toEqual([]);
  });
});

describe('read units', () => {
  it('rounds each item of a BatchGetItem up to 4 KB: 1.5 KB + 6.5 KB read as 12 KB', () => {
    expect(readCost([sized(1.5 * KB), sized(6.5 * KB)], true)).toBe(3);
    expect(readCost([sized(1.5 * KB), sized(6.5 * KB)], false)).toBe(1.5);
  });

  it('sums a Query before rounding: 1.5 KB + 6.5 KB read as 8 KB', () => {
    expect(readCost([sized(1.5 * KB), sized(6.5 * KB)], true, true)).toBe(2);
  });

  it('bills an absent item the minimum: 1 RCU strongly consistent, 0.5 eventually', () => {
    expect(readCost([undefined], true)).toBe(1);
    expect(readCost([undefined], false)).toBe(0.5);
  });
});
