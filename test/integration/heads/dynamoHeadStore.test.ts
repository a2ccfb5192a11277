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

  it('stores the outbox deflated and reads records and entities back exactly', async () => {
    const tableName = uniqueName('heads');
    await ensureTable(client, tableName, headTableDefinition);
    const heads = new DynamoHeadStore<{ total: number }>(client, tableName);
    const record = (version: number) => ({
      topic: 'inventory',
      key: 'sku-1',
      value: JSON.stringify({ orderId: `ord-${version}-0123456789abcdef`, quantity: 1 }),
      headers: {
        ce_id: `inventory/sku-1/${version}`,
        ce_type: 'inventory.StockReserved.v1',
        ce_source: 'urn:service:inventory',
        ce_commandid: `inventory-on-order/order/ord-${version}-0123456789abcdef/1/0`,
      },
    });
    const head: AggregateHead<{ total: number }> = {
      id: 'sku-1',
      version: 16,
      state: { total: 16 },
      pending: Array.from({ length: 16 }, (_, index) => record(index + 1)),
      pendingEntities: [{ key: 'ord-1', version: 16, value: { quantity: 1, status: 'reserved' } }],
      pendingSince: '2026-01-01T00:00:00.000Z',
      commands: [],
    };

    expect(await heads.write(head, 0)).toBe(true);
    expect(await heads.read('sku-1')).toEqual(head);
    const stored = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { id: { S: 'sku-1' } } }),
    );
    expect(stored.Item?.outbox?.B?.length).toBeLessThan(JSON.stringify(head.pending).length / 4);

    await heads.clearPending('sku-1', 16);
    expect(await heads.read('sku-1')).toMatchObject({ pending: [], pendingEntities: [] });
    expect(await heads.listPending('2027-01-01T00:00:00.000Z', 10)).toEqual([]);
  });

  it('refuses a head that grew past its limit with an error naming the cause', async () => {
    const tableName = uniqueName('heads');
    await ensureTable(client, tableName, headTableDefinition);
    const heads = new DynamoHeadStore<{ reservations: string[] }>(client, tableName);
    const state = { reservations: Array.from({ length: 10_000 }, (_, n) => `order-${n}`) };
    const head = { id: 'sku-1', version: 1, state, pending: [], pendingEntities: [], commands: [] };
    await expect(heads.write(head, 0)).rejects.toThrow(/would be \d+ bytes .* entities/);
  });
});
