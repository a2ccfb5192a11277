import {
  ConditionalCheckFailedException,
  type BatchGetItemCommand,
  type DynamoDBClient,
  type PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoSnapshotStore } from '../../../../lib/snapshots/dynamoSnapshotStore';

// Wire-level behaviour against a stub client; the real round trip is in test/integration/queries.
function stubClient(answer: (command: unknown, call: number) => unknown) {
  const commands: unknown[] = [];
  const client = {
    send: jest.fn((command: unknown) => {
      commands.push(command);
      const call = commands.length;
      return Promise.resolve().then(() => answer(command, call));
    }),
  } as unknown as DynamoDBClient;
  return { client, commands };
}

const item = (id: string) => ({ id: { S: id }, version: { N: '1' } });

describe('DynamoSnapshotStore', () => {
  it('puts { id, version, ...doc } with attribute_not_exists for expected version 0', async () => {
    const { client, commands } = stubClient(() => ({}));
    const store = new DynamoSnapshotStore<{ owner: string; note?: string }>({ client, tableName: 't' });
    await store.put({ id: 'a', version: 1, doc: { owner: 'ann', note: undefined } }, 0);
    expect((commands[0] as PutItemCommand).input).toEqual({
      TableName: 't',
      Item: { owner: { S: 'ann' }, id: { S: 'a' }, version: { N: '1' } },
      ConditionExpression: 'attribute_not_exists(#id)',
      ExpressionAttributeNames: { '#id': 'id' },
    });
  });

  it('answers false when the version condition fails', async () => {
    const { client, commands } = stubClient(() => {
      throw new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });
    });
    const store = new DynamoSnapshotStore<object>({ client, tableName: 't' });
    expect(await store.put({ id: 'a', version: 4, doc: {} }, 3)).toBe(false);
    expect((commands[0] as PutItemCommand).input).toMatchObject({
      ConditionExpression: '#version = :expected',
      ExpressionAttributeValues: { ':expected': { N: '3' } },
    });
  });

  it('reads many ids in chunks of 100, each id once, retrying unprocessed keys', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `id-${i}`);
    const { client, commands } = stubClient((command, call) => {
      const keys = (command as BatchGetItemCommand).input.RequestItems!.t!.Keys!;
      // The first request leaves its last key unprocessed, as a throttled table does.
      const unprocessed = call === 1 ? keys.slice(-1) : [];
      return {
        Responses: { t: keys.slice(0, keys.length - unprocessed.length).map((k) => item(k.id!.S!)) },
        UnprocessedKeys: unprocessed.length > 0 ? { t: { Keys: unprocessed } } : {},
      };
    });
    const store = new DynamoSnapshotStore<object>({ client, tableName: 't' });

    const found = await store.getMany([...ids, ...ids], { consistent: true });

    expect(found.size).toBe(150);
    const sizes = commands.map((c) => (c as BatchGetItemCommand).input.RequestItems!.t!.Keys!.length);
    expect(sizes).toEqual([100, 1, 50]);
    expect((commands[0] as BatchGetItemCommand).input.RequestItems!.t!.ConsistentRead).toBe(true);
  });

  it('gives up on unprocessed keys after the bounded retries with an unavailable error', async () => {
    const { client, commands } = stubClient((command) => ({
      Responses: { t: [] },
      UnprocessedKeys: { t: { Keys: (command as BatchGetItemCommand).input.RequestItems!.t!.Keys } },
    }));
    const store = new DynamoSnapshotStore<object>({ client, tableName: 't', maxBatchGetRetries: 2 });

    await expect(store.getMany(['a'])).rejects.toMatchObject({ kind: 'unavailable', retryAfterSeconds: 1 });
    expect(commands).toHaveLength(3);
  });

  it('does not call DynamoDB for no ids', async () => {
    const { client, commands } = stubClient(() => ({}));
    expect((await new DynamoSnapshotStore<object>({ client, tableName: 't' }).getMany([])).size).toBe(0);
    expect(commands).toHaveLength(0);
  });

  it('rejects a malformed cursor before calling DynamoDB', async () => {
    const { client, commands } = stubClient(() => ({}));
    const store = new DynamoSnapshotStore<object>({ client, tableName: 't' });
    const query = { index: 'i', partitionKey: { name: 'p', value: 'v' }, limit: 5, cursor: '%%%' };
    await expect(store.query(query)).rejects.toMatchObject({
      kind: 'validation',
      issues: [{ field: 'query.cursor' }],
    });
    expect(commands).toHaveLength(0);
  });
});
