import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { conditionalWrite } from '../dynamodb/dynamoClient';
import type { TableDefinition } from '../dynamodb/tableDefinition';
import type { AggregateHead, HeadStore } from './headStore';

/** Key and index names of the heads table; infra builds the table from {@link headTableDefinition}. */
export const HeadKeys = {
  id: 'id',
  pendingIndex: 'pending-since',
  pendingShard: 'pendingShard',
  pendingSince: 'pendingSince',
} as const;

// Only heads with pending events carry the shard attribute, so the index stays as small as the
// number of unpublished commands (usually zero). One shard value is enough for that size.
const PENDING_SHARD = 'pending';

export const headTableDefinition: TableDefinition = {
  attributes: [
    { name: HeadKeys.id, type: 'S' },
    { name: HeadKeys.pendingShard, type: 'S' },
    { name: HeadKeys.pendingSince, type: 'S' },
  ],
  partitionKey: HeadKeys.id,
  indexes: [
    { name: HeadKeys.pendingIndex, partitionKey: HeadKeys.pendingShard, sortKey: HeadKeys.pendingSince },
  ],
};

/**
 * The DynamoDB adapter of {@link HeadStore}. State, pending records and recent commands are stored as
 * JSON strings: the head is read and written whole, and JSON keeps numbers and nesting exact.
 */
export class DynamoHeadStore<State> implements HeadStore<State> {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async read(id: string): Promise<AggregateHead<State> | undefined> {
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { id: { S: id } }, ConsistentRead: true }),
    );
    return out.Item ? fromItem<State>(out.Item) : undefined;
  }

  async write(head: AggregateHead<State>, expectedVersion: number): Promise<boolean> {
    return conditionalWrite(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(head),
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(id)' }
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
              }),
        }),
      ),
    );
  }

  async clearPending(id: string, version: number): Promise<void> {
    // Not applied when a newer command moved the head on: its pending includes ours, and it clears them.
    await conditionalWrite(
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { id: { S: id } },
          UpdateExpression: 'REMOVE pending, pendingShard, pendingSince',
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': { N: String(version) } },
        }),
      ),
    );
  }

  async listPending(olderThan: string, limit: number): Promise<AggregateHead<State>[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: HeadKeys.pendingIndex,
        KeyConditionExpression: 'pendingShard = :shard AND pendingSince < :before',
        ExpressionAttributeValues: { ':shard': { S: PENDING_SHARD }, ':before': { S: olderThan } },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => fromItem<State>(item));
  }
}

function toItem<State>(head: AggregateHead<State>): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = {
    id: { S: head.id },
    version: { N: String(head.version) },
    state: { S: JSON.stringify(head.state) },
    commands: {
      S: JSON.stringify(head.commands.map(({ id, version, events }): StoredCommand => [id, version, events])),
    },
  };
  if (head.pending.length > 0) {
    item.pending = { S: JSON.stringify(head.pending) };
    item.pendingShard = { S: PENDING_SHARD };
    item.pendingSince = { S: head.pendingSince ?? new Date(0).toISOString() };
  }
  return item;
}

function fromItem<State>(item: Record<string, AttributeValue>): AggregateHead<State> {
  const json = <T>(attribute: AttributeValue | undefined, fallback: T): T =>
    attribute?.S === undefined ? fallback : (JSON.parse(attribute.S) as T);
  const pendingSince = item.pendingSince?.S;
  return {
    id: item.id?.S ?? '',
    version: Number(item.version?.N ?? 0),
    state: json<State>(item.state, null as State),
    pending: json<AggregateHead<State>['pending']>(item.pending, []),
    commands: json<StoredCommand[]>(item.commands, []).map(([id, version, events]) => ({
      id,
      version,
      events,
    })),
    ...(pendingSince ? { pendingSince } : {}),
  };
}

// Remembered commands are stored as [id, version, events] triples: 100 of them in about 3 KB, not 5.
type StoredCommand = [id: string, version: number, events: number];
