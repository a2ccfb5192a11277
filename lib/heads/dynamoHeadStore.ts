import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { conditionalWrite } from '../dynamodb/dynamoClient';
import { itemBytes } from '../dynamodb/itemSize';
import type { TableDefinition } from '../dynamodb/tableDefinition';
import { PENDING_SHARD, fromItem, toItem } from './headItem';
import type { AggregateHead, HeadStore } from './headStore';

/** Key and index names of the heads table; infra builds the table from {@link headTableDefinition}. */
export const HeadKeys = {
  id: 'id',
  pendingIndex: 'pending-since',
  pendingShard: 'pendingShard',
  pendingSince: 'pendingSince',
} as const;

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

// Far below DynamoDB's 400 KB: a head this large is a decider keeping per-order state in its head.
const MAX_HEAD_BYTES = 64 * 1024;

/**
 * The DynamoDB adapter of {@link HeadStore} (item layout in `headItem.ts`). A head above 64 KB is
 * refused with an error that names the cause: state that grows with what an aggregate sees belongs
 * in entities (`DeciderEntities`), and DynamoDB would refuse it anyway at 400 KB, with a
 * ValidationException that says nothing of why.
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
    const item = toItem(head);
    const bytes = itemBytes(item);
    if (bytes > MAX_HEAD_BYTES) {
      throw new Error(
        `the head of ${head.id} would be ${bytes} bytes (limit ${MAX_HEAD_BYTES}): keep state that grows with the aggregate's history in entities`,
      );
    }
    return conditionalWrite(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item,
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
          UpdateExpression: 'REMOVE outbox, pendingShard, pendingSince',
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': { N: String(version) } },
        }),
      ),
    );
  }

  async *ids(): AsyncIterable<string> {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.client.send(
        new ScanCommand({ TableName: this.tableName, ProjectionExpression: 'id', ExclusiveStartKey: start }),
      );
      for (const item of out.Items ?? []) if (item.id?.S) yield item.id.S;
      start = out.LastEvaluatedKey;
    } while (start);
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
