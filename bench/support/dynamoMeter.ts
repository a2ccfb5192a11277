import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { itemBytes, readUnits, writeUnits } from '../../lib/dynamodb/itemSize';

type Item = Record<string, AttributeValue>;

/** Per operation name: calls, time spent inside the SDK call, write and read units (DynamoDB's rules). */
export interface OperationTally {
  calls: number;
  ms: number;
  writeUnits: number;
  readUnits: number;
}

interface Input {
  TableName?: string;
  Key?: Item;
  Item?: Item;
  UpdateExpression?: string;
  ConsistentRead?: boolean;
  RequestItems?: Record<string, { ConsistentRead?: boolean }>;
}

interface Output {
  Item?: Item;
  Responses?: Record<string, Item[]>;
}

/**
 * Counts what reaches DynamoDB through one client, as an SDK middleware (whatever the adapters do),
 * and prices it: dynalite reports no consumed capacity, so write units are computed from the items
 * (larger of before and after, per started KB) kept in a shadow copy of every item written through
 * this client. Only `REMOVE a, b` update expressions are followed (the head store's clearPending);
 * other updates count as approximate.
 */
export class DynamoMeter {
  readonly byOperation = new Map<string, OperationTally>();
  /** Successful writes per `<table>/<id>`. */
  readonly writesByKey = new Map<string, number>();
  /** Write units billed per `<table>/<id>`, failed conditions included. */
  readonly unitsByKey = new Map<string, number>();
  /** The largest item put per table. */
  readonly largestByTable = new Map<string, number>();
  approximateUpdates = 0;
  private readonly shadow = new Map<string, Item>();

  constructor(private readonly keyName = 'id') {}

  attach(client: DynamoDBClient, name = 'benchDynamoMeter'): this {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
        const input = args.input as Input;
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

  tally(operation: string): OperationTally {
    let tally = this.byOperation.get(operation);
    if (!tally) {
      tally = { calls: 0, ms: 0, writeUnits: 0, readUnits: 0 };
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
    this.byOperation.clear();
    this.writesByKey.clear();
    this.unitsByKey.clear();
    this.largestByTable.clear();
    this.approximateUpdates = 0;
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
    if (operation === 'PutItem' || operation === 'UpdateItem') {
      if (ok || failedCondition) tally.writeUnits += this.write(operation, input, ok);
    } else if (operation === 'GetItem' && ok) {
      tally.readUnits += readUnits(output.Item, input.ConsistentRead === true);
    } else if (operation === 'BatchGetItem' && ok) {
      tally.readUnits += this.batchReadUnits(input, output);
    }
  }

  private write(operation: string, input: Input, ok: boolean): number {
    const keyValue = (input.Item ?? input.Key)?.[this.keyName]?.S ?? '?';
    const key = `${input.TableName}/${keyValue}`;
    const before = this.shadow.get(key);
    const after = operation === 'PutItem' ? input.Item : this.updated(before, input.UpdateExpression);
    if (ok) {
      if (after) this.shadow.set(key, after);
      this.writesByKey.set(key, (this.writesByKey.get(key) ?? 0) + 1);
    }
    this.trackLargest(input);
    // A failed condition is billed too, for the item as it is.
    const units = writeUnits(before, ok ? after : before);
    this.unitsByKey.set(key, (this.unitsByKey.get(key) ?? 0) + units);
    return units;
  }

  private trackLargest(input: Input): void {
    if (!input.Item || !input.TableName) return;
    const largest = Math.max(this.largestByTable.get(input.TableName) ?? 0, itemBytes(input.Item));
    this.largestByTable.set(input.TableName, largest);
  }

  private updated(before: Item | undefined, expression: string | undefined): Item | undefined {
    const removal = /^\s*REMOVE\s+([\w\s,]+)$/i.exec(expression ?? '');
    if (!removal?.[1]) {
      this.approximateUpdates += 1;
      return before;
    }
    const removed = new Set(removal[1].split(',').map((name) => name.trim()));
    return before && Object.fromEntries(Object.entries(before).filter(([name]) => !removed.has(name)));
  }

  private batchReadUnits(input: Input, output: Output): number {
    let units = 0;
    for (const [table, items] of Object.entries(output.Responses ?? {})) {
      const consistent = input.RequestItems?.[table]?.ConsistentRead === true;
      for (const item of items) units += readUnits(item, consistent);
    }
    return units;
  }
}
