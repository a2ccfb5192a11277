import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type PutItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { conditionalWrite } from '../dynamodb/dynamoClient';
import { batchGetItems } from '../dynamodb/batchGetItems';
import { batchPutItems } from '../dynamodb/batchWriteItems';
import { encodeCursor } from './cursor';
import { keyCondition, startKey, translateQueryError } from './dynamoQuery';
import type {
  ParkedMark,
  PutCondition,
  Snapshot,
  SnapshotPage,
  SnapshotQuery,
  SnapshotStore,
} from './snapshotStore';
import { SnapshotKeys, assertWritable } from './snapshotTable';

export interface DynamoSnapshotStoreOptions {
  /** Created once per execution environment (see createDynamoClient). */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Retries of BatchGetItem's UnprocessedKeys before `getMany` fails (default 5). */
  readonly maxBatchGetRetries?: number;
}

type Item = Record<string, AttributeValue>;

/**
 * The DynamoDB adapter of {@link SnapshotStore}. An item is `{ id, version, ...doc }`: document
 * attributes are top-level so secondary indexes can key on them (see snapshotTableDefinition).
 * Documents must be plain JSON-like data: undefined values are dropped on write, as JSON would.
 *
 * To count or inspect calls in tests, add a middleware to the client (`client.middlewareStack.add`).
 *
 * @example
 * const store = new DynamoSnapshotStore<AccountDoc>({ client, tableName: config.ACCOUNTS_TABLE });
 */
export class DynamoSnapshotStore<Doc extends object> implements SnapshotStore<Doc> {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;
  private readonly maxBatchGetRetries: number;

  constructor(options: DynamoSnapshotStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.maxBatchGetRetries = options.maxBatchGetRetries ?? 5;
  }

  async get(id: string, options: { consistent?: boolean } = {}): Promise<Snapshot<Doc> | undefined> {
    const out = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: keyOf(id),
        ConsistentRead: options.consistent ?? false,
      }),
    );
    return out.Item ? fromItem<Doc>(out.Item) : undefined;
  }

  async getMany(ids: readonly string[], options: { consistent?: boolean } = {}) {
    // BatchGetItem rejects a request that names the same key twice.
    const keys = [...new Set(ids)].map(keyOf);
    const items = await batchGetItems(this.client, this.tableName, keys, {
      consistent: options.consistent ?? false,
      maxRetries: this.maxBatchGetRetries,
      baseDelayMs: 50,
    });
    return new Map(items.map((item) => fromItem<Doc>(item)).map((snapshot) => [snapshot.id, snapshot]));
  }

  async put(snapshot: Snapshot<Doc>, expectedVersion: number, condition?: PutCondition): Promise<boolean> {
    assertWritable(snapshot, expectedVersion);
    return conditionalWrite(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(snapshot),
          ...versionCondition(expectedVersion, condition?.parkedLetters),
        }),
      ),
    );
  }

  /** BatchWriteItem, 25 items a request, UnprocessedItems retried with backoff; see the port. */
  async putMany(snapshots: readonly Snapshot<Doc>[]): Promise<void> {
    for (const snapshot of snapshots) assertWritable(snapshot, snapshot.version - 1);
    // The same toItem as put: a rebuilt item equals the one the live projection writes.
    await batchPutItems(this.client, this.tableName, snapshots.map(toItem), {
      maxRetries: this.maxBatchGetRetries,
      baseDelayMs: 50,
      concurrency: 8,
    });
  }

  async query(options: SnapshotQuery): Promise<SnapshotPage<Doc>> {
    const exclusiveStartKey = startKey(options.cursor);
    try {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: options.index,
          ...keyCondition(options),
          Limit: options.limit,
          ScanIndexForward: options.scanForward ?? true,
          ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
        }),
      );
      const items = (out.Items ?? []).map((item) => fromItem<Doc>(item));
      return out.LastEvaluatedKey ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey) } : { items };
    } catch (error) {
      throw translateQueryError(error, exclusiveStartKey !== undefined);
    }
  }
}

const keyOf = (id: string): Item => ({ [SnapshotKeys.id]: { S: id } });

function toItem<Doc extends object>(snapshot: Snapshot<Doc>): Item {
  return marshall(
    {
      ...snapshot.doc,
      [SnapshotKeys.id]: snapshot.id,
      [SnapshotKeys.version]: snapshot.version,
      [SnapshotKeys.lastEventAt]: snapshot.lastEventAt,
      [SnapshotKeys.parked]: snapshot.parked,
    },
    { removeUndefinedValues: true },
  );
}

function fromItem<Doc>(item: Item): Snapshot<Doc> {
  const {
    [SnapshotKeys.id]: id,
    [SnapshotKeys.version]: version,
    [SnapshotKeys.lastEventAt]: lastEventAt,
    [SnapshotKeys.parked]: parked,
    ...doc
  } = unmarshall(item);
  if (typeof id !== 'string' || typeof version !== 'number') {
    throw new Error(
      'snapshot item lacks a string id or a numeric version: was it written by another program?',
    );
  }
  return {
    id,
    version,
    doc: doc as Doc,
    ...(typeof lastEventAt === 'string' ? { lastEventAt } : {}),
    ...(parked && typeof parked === 'object' ? { parked: parked as ParkedMark } : {}),
  };
}

type Condition = Pick<
  PutItemCommandInput,
  'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
>;

function versionCondition(expectedVersion: number, parkedLetters?: number): Condition {
  const base: Condition =
    expectedVersion === 0
      ? {
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': SnapshotKeys.id },
        }
      : {
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': SnapshotKeys.version },
          ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
        };
  // A version-0 item can exist when its first event was parked: the id condition would refuse it.
  if (parkedLetters === undefined) return base;
  const names = { '#version': SnapshotKeys.version, '#parked': SnapshotKeys.parked };
  const versionTest =
    expectedVersion === 0
      ? '(attribute_not_exists(#version) OR #version = :expected)'
      : '#version = :expected';
  const parkedTest = parkedLetters === 0 ? 'attribute_not_exists(#parked)' : '#parked.letters = :letters';
  return {
    ConditionExpression: `${versionTest} AND ${parkedTest}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: {
      ':expected': { N: String(expectedVersion) },
      ...(parkedLetters === 0 ? {} : { ':letters': { N: String(parkedLetters) } }),
    },
  };
}
