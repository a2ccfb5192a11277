import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../../lib/dynamodb/createTable';
import { DynamoSnapshotStore } from '../../../lib/snapshots/dynamoSnapshotStore';
import { snapshotTableDefinition } from '../../../lib/snapshots/snapshotTable';
import { uniqueName } from '../support/names';
import { testDynamo } from '../support/dynamo';

const WRITE_COMMANDS = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

/**
 * A fresh snapshot table on the test DynamoDB, a client whose write calls are counted by an SDK
 * middleware (what reaches DynamoDB, whatever the adapter does), and the real adapter on it.
 */
export async function snapshotTable<Doc extends object>(prefix: string) {
  const client = testDynamo();
  const counts = { writes: 0 };
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (WRITE_COMMANDS.has(context.commandName ?? '')) counts.writes += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countSnapshotWrites' },
  );
  const tableName = uniqueName(prefix);
  await ensureTable(
    client,
    tableName,
    snapshotTableDefinition([{ name: 'by-owner', partitionKey: 'owner', sortKey: 'openedAt' }]),
  );
  const store = new DynamoSnapshotStore<Doc>({ client, tableName });
  return { client, tableName, store, counts };
}

/** The item exactly as DynamoDB stores it, serialised with sorted keys so equal items give equal bytes. */
export async function rawItem(client: DynamoDBClient, tableName: string, id: string): Promise<string> {
  const out = await client.send(
    new GetItemCommand({ TableName: tableName, Key: { id: { S: id } }, ConsistentRead: true }),
  );
  return canonical(out.Item);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
}
