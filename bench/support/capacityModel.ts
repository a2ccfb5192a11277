import type { AttributeValue, CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { itemBytes } from '../../lib/dynamodb/itemSize';

type Item = Record<string, AttributeValue>;

/** What a global secondary index copies of an item (its keys and the table's are always in it). */
export type IndexProjection =
  | { readonly type: 'ALL' }
  | { readonly type: 'KEYS_ONLY' }
  | { readonly type: 'INCLUDE'; readonly attributes: readonly string[] };

export interface IndexSchema {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly projection: IndexProjection;
}

export interface TableSchema {
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly indexes: readonly IndexSchema[];
}

/** One write to one index: which index partition it lands on, and its units. */
export interface IndexWrite {
  readonly index: string;
  readonly kind: 'insert' | 'update' | 'delete';
  /** The index partition key value written (the hot-key question is asked of it). */
  readonly partition: string;
  /** Bytes of the index entry billed (the larger of before and after for an update). */
  readonly bytes: number;
  readonly units: number;
}

export interface WriteCost {
  /** Units on the base table. */
  readonly table: number;
  readonly indexes: readonly IndexWrite[];
}

// DynamoDB adds 100 bytes of overhead to every index entry ("Storage considerations" in GSI.html).
export const INDEX_ENTRY_OVERHEAD = 100;

/** Write units for `bytes`: one per started KB, at least one (read-write-operations.html). */
export const writeUnitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** Read units for one item of `bytes`: one per started 4 KB, at least one; half when eventually consistent. */
export const readUnitsOf = (bytes: number, consistent: boolean) =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

/** The schema CreateTable describes; what the meter learns from the tables it sees created. */
export function schemaOf(input: CreateTableCommandInput): TableSchema {
  const keyOf = (schema: CreateTableCommandInput['KeySchema'], type: 'HASH' | 'RANGE') =>
    schema?.find((key) => key.KeyType === type)?.AttributeName;
  const sortKey = keyOf(input.KeySchema, 'RANGE');
  return {
    partitionKey: keyOf(input.KeySchema, 'HASH') ?? 'id',
    ...(sortKey ? { sortKey } : {}),
    indexes: (input.GlobalSecondaryIndexes ?? []).map((index) => {
      const indexSort = keyOf(index.KeySchema, 'RANGE');
      const type = index.Projection?.ProjectionType ?? 'ALL';
      return {
        name: index.IndexName ?? '?',
        partitionKey: keyOf(index.KeySchema, 'HASH') ?? '?',
        ...(indexSort ? { sortKey: indexSort } : {}),
        projection:
          type === 'INCLUDE'
            ? { type, attributes: index.Projection?.NonKeyAttributes ?? [] }
            : { type: type === 'KEYS_ONLY' ? 'KEYS_ONLY' : 'ALL' },
      };
    }),
  };
}

/**
 * The entry `item` has in `index`, or undefined when it lacks an index key (a sparse index): the
 * table's and the index's keys plus the projected attributes.
 */
export function indexEntry(table: TableSchema, index: IndexSchema, item: Item | undefined): Item | undefined {
  if (!item?.[index.partitionKey] || (index.sortKey && !item[index.sortKey])) return undefined;
  if (index.projection.type === 'ALL') return item;
  const keys = [table.partitionKey, table.sortKey, index.partitionKey, index.sortKey];
  const kept = new Set<string>(keys.filter((name): name is string => name !== undefined));
  if (index.projection.type === 'INCLUDE') for (const name of index.projection.attributes) kept.add(name);
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.has(name)));
}

const entryBytes = (entry: Item) => itemBytes(entry) + INDEX_ENTRY_OVERHEAD;
const keyText = (value: AttributeValue | undefined) => JSON.stringify(value ?? null);
const sameEntry = (a: Item, b: Item) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([name, value]) => keyText(value) === keyText(b[name]));

/**
 * The index writes of one base write, by DynamoDB's rules (GSI.html, "Provisioned throughput
 * considerations"): entering the index is one write, leaving it one, a change of an index key
 * two (delete, then put), a change of projected attributes only one, nothing projected changed none.
 */
export function indexWrites(
  table: TableSchema,
  index: IndexSchema,
  before: Item | undefined,
  after: Item | undefined,
): IndexWrite[] {
  const old = indexEntry(table, index, before);
  const now = indexEntry(table, index, after);
  const write = (kind: IndexWrite['kind'], entry: Item, bytes = entryBytes(entry)): IndexWrite => ({
    index: index.name,
    kind,
    partition: keyText(entry[index.partitionKey]),
    bytes,
    units: writeUnitsOf(bytes),
  });
  if (!old) return now ? [write('insert', now)] : [];
  if (!now) return [write('delete', old)];
  const keyChanged = [index.partitionKey, index.sortKey].some(
    (name) => name !== undefined && keyText(old[name]) !== keyText(now[name]),
  );
  if (keyChanged) return [write('delete', old), write('insert', now)];
  if (sameEntry(old, now)) return [];
  return [write('update', now, Math.max(entryBytes(old), entryBytes(now)))];
}

/**
 * What one PutItem, UpdateItem or DeleteItem (or one request of a BatchWriteItem) costs: the
 * larger of the item before and after, per started KB; a write whose condition failed still pays,
 * for the item as it is, and changes no index; a delete pays for the item it deletes.
 */
export function writeCost(
  table: TableSchema,
  before: Item | undefined,
  after: Item | undefined,
  succeeded = true,
): WriteCost {
  if (!succeeded) return { table: writeUnitsOf(itemBytes(before)), indexes: [] };
  return {
    table: writeUnitsOf(Math.max(itemBytes(before), itemBytes(after))),
    indexes: table.indexes.flatMap((index) => indexWrites(table, index, before, after)),
  };
}

/**
 * GetItem and BatchGetItem: each item rounded up on its own (an absent one still costs the
 * minimum). Query and Scan: the items' sizes summed, then rounded up once.
 */
export function readCost(items: readonly (Item | undefined)[], consistent: boolean, summed = false): number {
  if (!summed) return items.reduce((sum, item) => sum + readUnitsOf(itemBytes(item), consistent), 0);
  return readUnitsOf(
    items.reduce((sum, item) => sum + itemBytes(item), 0),
    consistent,
  );
}

/** The sum of a cost's units, base table and indexes. */
export const totalUnits = (cost: WriteCost) =>
  cost.table + cost.indexes.reduce((sum, write) => sum + write.units, 0);
