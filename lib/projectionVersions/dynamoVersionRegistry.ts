import {
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { conditionalWrite } from '../dynamodb/dynamoClient';
import type { TableDefinition } from '../dynamodb/tableDefinition';
import type { ProjectionVersions, VersionRegistry } from './projectionVersions';

/** One item per projection, keyed by its name. */
export const versionRegistryTableDefinition: TableDefinition = {
  attributes: [{ name: 'name', type: 'S' }],
  partitionKey: 'name',
  indexes: [],
};

/**
 * DynamoDB adapter of {@link VersionRegistry}: the record is one item (a few hundred bytes), so a
 * transition is one conditional PutItem on `revision` and a query's lookup one GetItem.
 */
export class DynamoVersionRegistry implements VersionRegistry {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async read(name: string, options: { consistent?: boolean } = {}): Promise<ProjectionVersions | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { name: { S: name } },
        ConsistentRead: options.consistent ?? false,
      }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  async list(): Promise<ProjectionVersions[]> {
    const records: ProjectionVersions[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({ TableName: this.tableName, ConsistentRead: true, ExclusiveStartKey: start }),
      );
      records.push(...(page.Items ?? []).map(fromItem));
      start = page.LastEvaluatedKey;
    } while (start);
    return records.sort((a, b) => a.name.localeCompare(b.name));
  }

  write(next: ProjectionVersions, expectedRevision: number): Promise<boolean> {
    return conditionalWrite(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            name: { S: next.name },
            revision: { N: String(next.revision) },
            highestVersion: { N: String(next.highestVersion) },
            versions: { S: JSON.stringify(next.versions) },
          },
          ConditionExpression:
            expectedRevision === 0 ? 'attribute_not_exists(#name)' : 'revision = :expected',
          ...(expectedRevision === 0
            ? { ExpressionAttributeNames: { '#name': 'name' } }
            : { ExpressionAttributeValues: { ':expected': { N: String(expectedRevision) } } }),
        }),
      ),
    );
  }
}

function fromItem(item: Record<string, AttributeValue>): ProjectionVersions {
  return {
    name: item.name?.S ?? '',
    revision: Number(item.revision?.N ?? 0),
    highestVersion: Number(item.highestVersion?.N ?? 1),
    versions: JSON.parse(item.versions?.S ?? '[]') as ProjectionVersions['versions'],
  };
}
