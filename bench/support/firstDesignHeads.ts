import { UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { conditionalWrite } from '../../lib/dynamodb/dynamoClient';
import type { TableDefinition } from '../../lib/dynamodb/tableDefinition';
import { DynamoHeadStore, headTableDefinition } from '../../lib/heads/dynamoHeadStore';
import { toItem } from '../../lib/heads/headItem';
import type { AggregateHead } from '../../lib/heads/headStore';

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

export class FirstDesignHeadStore<State> extends DynamoHeadStore<State> {
  protected override itemOf(head: AggregateHead<State>): Record<string, AttributeValue> {
    const item = toItem({ ...head, publishedThrough: 0 }, 1);
    return {
      ...item,
      commands: { S: JSON.stringify(head.commands.map((c) => [c.id, c.version, c.events])) },
      ...(item.pendingShard ? { pendingShard: { S: 'pending' } } : {}),
    };
  }

  override async markPublished(id: string, version: number): Promise<void> {
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

  override listPending(): Promise<AggregateHead<State>[]> {
    return Promise.reject(new Error('the first design is priced, not recovered, in B1'));
  }
}
