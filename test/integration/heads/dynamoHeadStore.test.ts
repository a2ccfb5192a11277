import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { commandKey } from '../../../lib/commands/commandKey';
import { ensureTable } from '../../../lib/dynamodb/createTable';
import { DynamoHeadStore, headTableDefinition } from '../../../lib/heads/dynamoHeadStore';
import type { AggregateHead } from '../../../lib/heads/headStore';
import { testDynamo } from '../support/dynamo';
import { uniqueName } from '../support/names';

describe('DynamoHeadStore', () => {
  const client = testDynamo();
  afterAll(() => client.destroy());

  it('stores 100 remembered commands compactly and reads the head back as written', async () => {
    const tableName = uniqueName('heads');
    await ensureTable(client, tableName, headTableDefinition);
    const heads = new DynamoHeadStore<{ total: number }>(client, tableName);
    const commands = Array.from({ length: 100 }, (_, index) => ({
      id: commandKey(`idem-${'f'.repeat(60)}${String(index).padStart(4, '0')}`),
      version: index + 1,
      events: 1,
    }));
    const head: AggregateHead<{ total: number }> = {
      id: 'tally-1',
      version: 100,
      state: { total: 100 },
      pending: [],
      pendingEntities: [],
      commands,
    };

    expect(await heads.write(head, 0)).toBe(true);
    expect(await heads.read('tally-1')).toEqual(head);
    const stored = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { id: { S: 'tally-1' } } }),
    );
    // Billed per KB on each of a command's two writes: 3 units, where raw ids made it 7.
    expect(stored.Item?.commands?.S?.length).toBeLessThan(3_000);
  });
});
