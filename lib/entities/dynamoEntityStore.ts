import { PutItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchGetItems } from '../dynamodb/batchGetItems';
import { conditionalWrite } from '../dynamodb/dynamoClient';
import type { TableDefinition } from '../dynamodb/tableDefinition';
import type { EntityStore, StoredEntity } from './entityStore';

/** Key name of the entities table; infra builds the table from {@link entityTableDefinition}. */
export const EntityKeys = { id: 'id' } as const;

/**
 * One partition key per entity, not the aggregate id with a sort key: a hot aggregate's entities
 * (every reservation of a popular sku) then spread over the table's partitions instead of sharing
 * the 1,000 WCU/s of one.
 */
export const entityTableDefinition: TableDefinition = {
  attributes: [{ name: EntityKeys.id, type: 'S' }],
  partitionKey: EntityKeys.id,
  indexes: [],
};

// DynamoDB's limit for a partition key value.
const MAX_KEY_BYTES = 2048;

/**
 * The item id of an entity: `<aggregate id>|<key>`, with `%` and `|` escaped in the aggregate id so
 * that the first bare `|` always ends it (aggregate `a|b` with key `c` and `a` with `b|c` differ).
 */
export function entityItemId(aggregateId: string, key: string): string {
  const id = `${aggregateId.replaceAll('%', '%25').replaceAll('|', '%7C')}|${key}`;
  if (Buffer.byteLength(id, 'utf8') > MAX_KEY_BYTES) {
    throw new Error(`entity ${key} of ${aggregateId}: the item id exceeds ${MAX_KEY_BYTES} bytes`);
  }
  return id;
}

/**
 * The DynamoDB adapter of {@link EntityStore}: an item `{ id, version, value }` per entity, the value
 * as JSON. Writes are conditional puts (`version` below the new one, or no item): a failed
 * condition means a same or later value is stored already, and is not an error.
 *
 * @example
 * const entities = new DynamoEntityStore(client, config.INVENTORY_ENTITIES_TABLE);
 */
export class DynamoEntityStore implements EntityStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async getMany(aggregateId: string, keys: readonly string[]): Promise<Map<string, StoredEntity>> {
    const unique = [...new Set(keys)];
    const byId = new Map(unique.map((key) => [entityItemId(aggregateId, key), key]));
    const items = await batchGetItems(
      this.client,
      this.tableName,
      [...byId.keys()].map((id) => ({ id: { S: id } })),
      { consistent: true, maxRetries: 5, baseDelayMs: 25 },
    );
    const found = new Map<string, StoredEntity>();
    for (const item of items) {
      const key = byId.get(item.id?.S ?? '');
      if (key !== undefined) found.set(key, fromItem(key, item));
    }
    return found;
  }

  async putMany(aggregateId: string, entities: readonly StoredEntity[]): Promise<void> {
    // One command names a few entities (a reactor's group at most a few dozen): in parallel.
    await Promise.all(entities.map((entity) => this.put(aggregateId, entity)));
  }

  private put(aggregateId: string, entity: StoredEntity): Promise<boolean> {
    return conditionalWrite(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            id: { S: entityItemId(aggregateId, entity.key) },
            version: { N: String(entity.version) },
            value: { S: JSON.stringify(entity.value) },
          },
          ConditionExpression: 'attribute_not_exists(id) OR version < :version',
          ExpressionAttributeValues: { ':version': { N: String(entity.version) } },
        }),
      ),
    );
  }
}

function fromItem(key: string, item: Record<string, AttributeValue>): StoredEntity {
  return {
    key,
    version: Number(item.version?.N ?? 0),
    value: JSON.parse(item.value?.S ?? 'null') as unknown,
  };
}
