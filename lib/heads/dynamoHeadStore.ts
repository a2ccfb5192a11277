import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { batchGetItems } from '../dynamodb/batchGetItems';
import { conditionalWrite } from '../dynamodb/dynamoClient';
import { itemBytes } from '../dynamodb/itemSize';
import type { TableDefinition } from '../dynamodb/tableDefinition';
import { fromItem, pendingShards, toItem } from './headItem';
import type { AggregateHead, HeadStore } from './headStore';

/** Key and index names of the heads table; infra builds the table from {@link headTableDefinition}. */
export const HeadKeys = {
  id: 'id',
  // Named apart from the first `pending-since` (one key, ALL projected): an index's keys and
  // projection cannot change in place (infra/aws/README.md, "Upgrading the heads' index").
  pendingIndex: 'pending-by-shard',
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
    {
      name: HeadKeys.pendingIndex,
      partitionKey: HeadKeys.pendingShard,
      sortKey: HeadKeys.pendingSince,
      // Keys only: an entry of about 150 bytes (one write unit in, one out) instead of a copy of the
      // head; recovery reads the few heads it finds.
      projection: 'KEYS_ONLY',
    },
  ],
};

// The one key value heads were written with before the index was sharded: the new index holds
// those heads too (same attributes), so recovery finds them while they last (infra/aws/README.md).
const LEGACY_PENDING_SHARD = 'pending';

/** Values of the recovery index's partition key; raise it only (recovery queries every value). */
export const DEFAULT_PENDING_SHARDS = 32;

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
    protected readonly client: DynamoDBClient,
    protected readonly tableName: string,
    private readonly shards = DEFAULT_PENDING_SHARDS,
  ) {}

  async read(id: string): Promise<AggregateHead<State> | undefined> {
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { id: { S: id } }, ConsistentRead: true }),
    );
    return out.Item ? fromItem<State>(out.Item) : undefined;
  }

  async write(head: AggregateHead<State>, expectedVersion: number): Promise<boolean> {
    const item = this.itemOf(head);
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

  /** The item a head is stored as (`headItem.ts`); the benchmark's first-design store overrides it. */
  protected itemOf(head: AggregateHead<State>): Record<string, AttributeValue> {
    return toItem(head, this.shards);
  }

  async markPublished(id: string, version: number): Promise<void> {
    const update = (expression: string, condition: string) =>
      conditionalWrite(
        this.client.send(
          new UpdateItemCommand({
            TableName: this.tableName,
            Key: { id: { S: id } },
            UpdateExpression: expression,
            ConditionExpression: condition,
            ExpressionAttributeValues: { ':version': { N: String(version) } },
          }),
        ),
      );
    // Usually the head is still at our version: one write empties the outbox and leaves the index.
    if (
      await update(
        'SET publishedThrough = :version REMOVE outbox, pendingShard, pendingSince',
        'version = :version',
      )
    ) {
      return;
    }
    // A later command moved it on (carrying our records): tell the commands after it they are out.
    await update(
      'SET publishedThrough = :version',
      'attribute_exists(id) AND (attribute_not_exists(publishedThrough) OR publishedThrough < :version)',
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
    // Each shard's oldest entries (keys only), merged oldest first; then the heads themselves.
    const shards = [...pendingShards(this.shards), LEGACY_PENDING_SHARD];
    const found = await Promise.all(shards.map((shard) => this.pendingIn(shard, olderThan, limit)));
    const oldest = found
      .flat()
      .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0))
      .slice(0, limit);
    return this.readMany(oldest.map((entry) => entry.id));
  }

  private async pendingIn(shard: string, olderThan: string, limit: number) {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: HeadKeys.pendingIndex,
        KeyConditionExpression: 'pendingShard = :shard AND pendingSince < :before',
        ExpressionAttributeValues: { ':shard': { S: shard }, ':before': { S: olderThan } },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => ({ id: item.id?.S ?? '', since: item.pendingSince?.S ?? '' }));
  }

  /** Consistent reads of `ids` (heads gone meanwhile are left out), oldest pending first. */
  private async readMany(ids: readonly string[]): Promise<AggregateHead<State>[]> {
    const keys = ids.map((id) => ({ id: { S: id } }));
    const items = await batchGetItems(this.client, this.tableName, keys, {
      consistent: true,
      maxRetries: 5,
      baseDelayMs: 50,
    });
    return items
      .map((item) => fromItem<State>(item))
      .sort((a, b) => ((a.pendingSince ?? '') < (b.pendingSince ?? '') ? -1 : 1));
  }
}
