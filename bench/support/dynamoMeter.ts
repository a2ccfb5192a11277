import type { AttributeValue, CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { itemBytes } from '../../lib/dynamodb/itemSize';
import { readCost, schemaOf, writeCost, type TableSchema, type WriteCost } from './capacityModel';

type Item = Record<string, AttributeValue>;

/** Per operation name: calls, time spent inside the SDK call, capacity units (DynamoDB's rules). */
export interface OperationTally {
  calls: number;
  ms: number;
  /** Every unit a write costs: base table and indexes. */
  writeUnits: number;
  /** The indexes' share of {@link writeUnits}. */
  indexWriteUnits: number;
  readUnits: number;
}

interface Input {
  TableName?: string;
  IndexName?: string;
  Key?: Item;
  Item?: Item;
  UpdateExpression?: string;
  ExpressionAttributeValues?: Item;
  ConsistentRead?: boolean;
  RequestItems?: Record<string, unknown>;
}

interface Output {
  Item?: Item;
  Items?: Item[];
  Responses?: Record<string, Item[]>;
  UnprocessedKeys?: Record<string, { Keys?: Item[] }>;
  UnprocessedItems?: Record<string, unknown[]>;
}

type BatchWrite = { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } };
type BatchRead = { Keys?: Item[]; ConsistentRead?: boolean };

const DEFAULT_SCHEMA: TableSchema = { partitionKey: 'id', indexes: [] };
const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

/**
 * Counts what reaches DynamoDB through one client, as an SDK middleware (whatever the adapters do),
 * and prices it with {@link writeCost} / {@link readCost}: dynalite reports no consumed capacity.
 * Tables and their indexes are learnt from the CreateTable requests it sees (or {@link describe});
 * items are kept in a shadow copy of every item written through this client, so an update is
 * billed for the larger of before and after, and each index for the entry it puts, changes or
 * deletes. Update expressions of `SET a = :v, …` and `REMOVE a, b` clauses are followed (the head
 * store's markPublished); other updates count as approximate.
 */
export class DynamoMeter {
  readonly byOperation = new Map<string, OperationTally>();
  /** Successful writes per `<table>/<key>`. */
  readonly writesByKey = new Map<string, number>();
  /** Base-table write units per `<table>/<key>` (one item: its 1,000 WCU/s), failed conditions included. */
  readonly unitsByKey = new Map<string, number>();
  /** Write units per `<table>` (base table only). */
  readonly unitsByTable = new Map<string, number>();
  /** Write units per `<table>/<index>`. */
  readonly unitsByIndex = new Map<string, number>();
  /** Write units per `<table>/<index>/<index partition key value>`: one index partition's load. */
  readonly unitsByIndexPartition = new Map<string, number>();
  /** The largest item put per table. */
  readonly largestByTable = new Map<string, number>();
  /** The largest entry written per `<table>/<index>`, its 100 bytes of overhead included. */
  readonly largestIndexEntry = new Map<string, number>();
  approximateUpdates = 0;
  private readonly shadow = new Map<string, Item>();
  private readonly schemas = new Map<string, TableSchema>();

  constructor(private readonly keyName = 'id') {}

  attach(client: DynamoDBClient, name = 'benchDynamoMeter'): this {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
        const input = args.input as Input;
        if (operation === 'CreateTable') this.learn(args.input as CreateTableCommandInput);
        const started = performance.now();
        try {
          const result = await next(args);
          this.settle(operation, input, result.output as Output, performance.now() - started, true);
          return result;
        } catch (error) {
          const failedCondition = (error as { name?: string }).name === 'ConditionalCheckFailedException';
          this.settle(operation, input, {}, performance.now() - started, false, failedCondition);
          throw error;
        }
      },
      { step: 'initialize', name },
    );
    return this;
  }

  /** Declares a table's keys and indexes (for tables created elsewhere). */
  describe(tableName: string, schema: TableSchema): this {
    this.schemas.set(tableName, schema);
    return this;
  }

  tally(operation: string): OperationTally {
    let tally = this.byOperation.get(operation);
    if (!tally) {
      tally = { calls: 0, ms: 0, writeUnits: 0, indexWriteUnits: 0, readUnits: 0 };
      this.byOperation.set(operation, tally);
    }
    return tally;
  }

  total(field: keyof OperationTally): number {
    return [...this.byOperation.values()].reduce((sum, tally) => sum + tally[field], 0);
  }

  calls(...operations: string[]): number {
    return operations.reduce((sum, operation) => sum + (this.byOperation.get(operation)?.calls ?? 0), 0);
  }

  /** The size of an item as last written through this client (0 if unknown). */
  itemSizeOf(tableName: string, id: string): number {
    return itemBytes(this.shadow.get(`${tableName}/${id}`));
  }

  reset(): void {
    for (const map of [this.byOperation, this.writesByKey, this.unitsByKey, this.unitsByTable]) map.clear();
    for (const map of [this.unitsByIndex, this.unitsByIndexPartition, this.largestByTable]) map.clear();
    this.largestIndexEntry.clear();
    this.approximateUpdates = 0;
  }

  private learn(input: CreateTableCommandInput): void {
    if (input.TableName) this.schemas.set(input.TableName, schemaOf(input));
  }

  private schema(tableName: string | undefined): TableSchema {
    return this.schemas.get(tableName ?? '') ?? { ...DEFAULT_SCHEMA, partitionKey: this.keyName };
  }

  private settle(
    operation: string,
    input: Input,
    output: Output,
    ms: number,
    ok: boolean,
    failedCondition = false,
  ): void {
    const tally = this.tally(operation);
    tally.calls += 1;
    tally.ms += ms;
    if (ok || failedCondition) this.settleWrite(tally, operation, input, ok);
    if (ok && operation === 'BatchWriteItem') this.batchWrite(tally, input, output);
    if (ok) tally.readUnits += this.readUnits(operation, input, output);
  }

  private settleWrite(tally: OperationTally, operation: string, input: Input, ok: boolean): void {
    if (operation !== 'PutItem' && operation !== 'UpdateItem' && operation !== 'DeleteItem') return;
    const after = operation === 'PutItem' ? input.Item : undefined;
    this.charge(tally, input.TableName ?? '?', input.Item ?? input.Key ?? {}, ok, (before) =>
      operation === 'UpdateItem'
        ? this.updated(before, input.UpdateExpression, input.ExpressionAttributeValues)
        : after,
    );
  }

  private readUnits(operation: string, input: Input, output: Output): number {
    switch (operation) {
      case 'GetItem':
        return readCost([output.Item], input.ConsistentRead === true);
      case 'BatchGetItem':
        return this.batchReadUnits(input, output);
      case 'Query':
      case 'Scan':
        // Indexes are read eventually consistent only.
        return readCost(output.Items ?? [], input.ConsistentRead === true && !input.IndexName, true);
      default:
        return 0;
    }
  }

  /** Bills one item write: base table (per key too) and every index it enters, changes or leaves. */
  private charge(
    tally: OperationTally,
    table: string,
    key: Item,
    ok: boolean,
    next: (before: Item | undefined) => Item | undefined,
  ): void {
    const schema = this.schema(table);
    const itemKey = `${table}/${this.keyText(schema, key)}`;
    const before = this.shadow.get(itemKey);
    const after = next(before);
    const cost = writeCost(schema, before, after, ok);
    if (ok) {
      if (after) this.shadow.set(itemKey, after);
      else this.shadow.delete(itemKey);
      add(this.writesByKey, itemKey, 1);
      if (after) {
        this.largestByTable.set(table, Math.max(this.largestByTable.get(table) ?? 0, itemBytes(after)));
      }
    }
    this.record(tally, table, itemKey, cost);
  }

  private record(tally: OperationTally, table: string, itemKey: string, cost: WriteCost): void {
    add(this.unitsByKey, itemKey, cost.table);
    add(this.unitsByTable, table, cost.table);
    tally.writeUnits += cost.table;
    for (const write of cost.indexes) {
      const index = `${table}/${write.index}`;
      add(this.unitsByIndex, index, write.units);
      add(this.unitsByIndexPartition, `${index}/${write.partition}`, write.units);
      this.largestIndexEntry.set(index, Math.max(this.largestIndexEntry.get(index) ?? 0, write.bytes));
      tally.writeUnits += write.units;
      tally.indexWriteUnits += write.units;
    }
  }

  private keyText(schema: TableSchema, key: Item): string {
    const part = (name: string | undefined) => {
      const value = name ? key[name] : undefined;
      return value?.S ?? value?.N ?? '?';
    };
    return schema.sortKey
      ? `${part(schema.partitionKey)}/${part(schema.sortKey)}`
      : part(schema.partitionKey);
  }

  private batchWrite(tally: OperationTally, input: Input, output: Output): void {
    for (const [table, requests] of Object.entries(input.RequestItems ?? {})) {
      const unprocessed = new Set((output.UnprocessedItems?.[table] ?? []).map((r) => JSON.stringify(r)));
      for (const request of requests as BatchWrite[]) {
        if (unprocessed.has(JSON.stringify(request))) continue;
        const put = request.PutRequest?.Item;
        this.charge(tally, table, put ?? request.DeleteRequest?.Key ?? {}, true, () => put);
      }
    }
  }

  private updated(
    before: Item | undefined,
    expression: string | undefined,
    values: Item = {},
  ): Item | undefined {
    const clauses = /^\s*(?:SET\s+((?:\w+\s*=\s*:\w+\s*,?\s*)+?))?\s*(?:REMOVE\s+([\w\s,]+))?$/i.exec(
      expression ?? '',
    );
    if (!before || !clauses || (!clauses[1] && !clauses[2])) {
      this.approximateUpdates += 1;
      return before;
    }
    const removed = new Set((clauses[2] ?? '').split(',').map((name) => name.trim()));
    const after: Item = Object.fromEntries(Object.entries(before).filter(([name]) => !removed.has(name)));
    return { ...after, ...assigned(clauses[1] ?? '', values) };
  }

  /** Each requested key as a GetItem: found items by size, absent ones at the minimum. */
  private batchReadUnits(input: Input, output: Output): number {
    let units = 0;
    for (const [table, request] of Object.entries(input.RequestItems ?? {}) as [string, BatchRead][]) {
      const found = output.Responses?.[table] ?? [];
      const unprocessed = output.UnprocessedKeys?.[table]?.Keys?.length ?? 0;
      const absent = Math.max(0, (request.Keys?.length ?? found.length) - found.length - unprocessed);
      const consistent = request.ConsistentRead === true;
      units += readCost([...found, ...Array<undefined>(absent).fill(undefined)], consistent);
    }
    return units;
  }
}

/** The attributes `SET a = :x, b = :y` gives, from the request's values. */
function assigned(clause: string, values: Item): Item {
  const out: Item = {};
  for (const assignment of clause.split(',')) {
    const [name, value] = assignment.split('=').map((part) => part.trim());
    const given = value ? values[value] : undefined;
    if (name && given) out[name] = given;
  }
  return out;
}
