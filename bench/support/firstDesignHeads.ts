import {
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { conditionalWrite } from '../../lib/dynamodb/dynamoClient';
import type { TableDefinition } from '../../lib/dynamodb/tableDefinition';
import { headTableDefinition } from '../../lib/heads/dynamoHeadStore';
import { fromItem, toItem } from '../../lib/heads/headItem';
import type { AggregateHead, HeadStore } from '../../lib/heads/headStore';

/**
 * The heads table of the first design, so B1 can price it beside today's in the same run: one
 * recovery index key value (`pending`) projecting ALL, remembered commands as JSON triples, and a
 * step h that only clears (no published watermark). Bench-only; recovery is not run against it.
 */
export const firstDesignTableDefinition: TableDefinition = {
  ...headTableDefinition,
  indexes: headTableDefinition.indexes.map((index) => ({
    ...index,
    name: 'pending-since',
    projection: 'ALL',
  })),
};

export class FirstDesignHeadStore<State> implements HeadStore<State> {
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

  write(head: AggregateHead<State>, expectedVersion: number): Promise<boolean> {
    const { publishedThrough: _none, ...rest } = toItem({ ...head, publishedThrough: 0 }, 1);
    const item: Record<string, AttributeValue> = {
      ...rest,
      commands: { S: JSON.stringify(head.commands.map((c) => [c.id, c.version, c.events])) },
      ...(rest.pendingShard ? { pendingShard: { S: 'pending' } } : {}),
    };
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

  async markPublished(id: string, version: number): Promise<void> {
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

  listPending(): Promise<AggregateHead<State>[]> {
    return Promise.reject(new Error('the first design is priced, not recovered, in B1'));
  }

  async *ids(): AsyncIterable<string> {
    yield* await Promise.resolve([]);
  }
}
