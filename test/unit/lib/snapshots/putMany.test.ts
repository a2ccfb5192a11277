import type { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoSnapshotStore } from '../../../../lib/snapshots/dynamoSnapshotStore';
import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';

function stubClient(answer: (command: BatchWriteItemCommand, call: number) => unknown) {
  const commands: BatchWriteItemCommand[] = [];
  const client = {
    send: jest.fn((command: BatchWriteItemCommand) => {
      commands.push(command);
      const call = commands.length;
      return Promise.resolve().then(() => answer(command, call));
    }),
  } as unknown as DynamoDBClient;
  return { client, commands };
}

const snapshots = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: `a${i}`, version: 1, doc: { owner: 'ann' } }));
const requestsOf = (command: BatchWriteItemCommand) => command.input.RequestItems?.t ?? [];

describe('putMany', () => {
  it('writes 25 items per BatchWriteItem request, as put would write them', async () => {
    const { client, commands } = stubClient(() => ({}));
    const store = new DynamoSnapshotStore<{ owner: string }>({ client, tableName: 't' });

    await store.putMany(snapshots(60));

    expect(commands.map((command) => requestsOf(command).length)).toEqual([25, 25, 10]);
    expect(requestsOf(commands[0]!)[0]).toEqual({
      PutRequest: { Item: { owner: { S: 'ann' }, id: { S: 'a0' }, version: { N: '1' } } },
    });
  });

  it('retries the items DynamoDB leaves unprocessed until none are left', async () => {
    const { client, commands } = stubClient((command, call) =>
      call === 1 ? { UnprocessedItems: { t: requestsOf(command).slice(0, 2) } } : {},
    );
    const store = new DynamoSnapshotStore<{ owner: string }>({ client, tableName: 't' });

    await store.putMany(snapshots(3));

    expect(commands).toHaveLength(2);
    expect(requestsOf(commands[1]!).map((request) => request.PutRequest?.Item?.id)).toEqual([
      { S: 'a0' },
      { S: 'a1' },
    ]);
  });

  it('fails after the retries when DynamoDB keeps leaving items unprocessed', async () => {
    const { client } = stubClient((command) => ({ UnprocessedItems: { t: requestsOf(command) } }));
    const store = new DynamoSnapshotStore<{ owner: string }>({
      client,
      tableName: 't',
      maxBatchGetRetries: 1,
    });

    await expect(store.putMany(snapshots(1))).rejects.toThrow(/throttling writes/);
  });

  it('overwrites unconditionally in the in-memory store', async () => {
    const store = new InMemorySnapshotStore<{ owner: string }>();
    await store.put({ id: 'a0', version: 3, doc: { owner: 'bob' } }, 0);

    await store.putMany(snapshots(2));

    expect(await store.get('a0')).toEqual({ id: 'a0', version: 1, doc: { owner: 'ann' } });
    expect(store.writes).toBe(3);
  });
});
