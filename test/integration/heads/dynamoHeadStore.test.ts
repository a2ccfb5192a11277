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
    // Billed per KB on each of a command's two writes: 14 bytes a command (JSON triples took 28,
    // raw ids 70).
    expect(stored.Item?.commands?.B?.length).toBeLessThanOrEqual(100 * 14 + 4);
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

    await heads.markPublished('sku-1', 16);
    expect(await heads.read('sku-1')).toMatchObject({ pending: [], pendingEntities: [] });
    expect(await heads.listPending('2027-01-01T00:00:00.000Z', 10)).toEqual([]);
  });

  it('lists pending heads of every shard oldest first, and raises the watermark of a head that moved on', async () => {
    const tableName = uniqueName('heads');
    await ensureTable(client, tableName, headTableDefinition);
    const heads = new DynamoHeadStore<{ total: number }>(client, tableName, 4);
    const pendingHead = (id: string, version: number, since: string): AggregateHead<{ total: number }> => ({
      id,
      version,
      state: { total: version },
      pending: [{ topic: 't', key: id, value: '{}', headers: { ce_aggregateversion: String(version) } }],
      pendingEntities: [],
      pendingSince: since,
      commands: [],
    });
    const ids = Array.from({ length: 12 }, (_, n) => `agg-${n}`);
    for (const [n, id] of ids.entries()) {
      expect(
        await heads.write(pendingHead(id, 3, `2026-01-01T00:00:${String(59 - n).padStart(2, '0')}.000Z`), 0),
      ).toBe(true);
    }
    const stored = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { id: { S: 'agg-0' } } }),
    );
    expect(stored.Item?.pendingShard?.S).toMatch(/^p00[0-3]$/);

    const listed = await heads.listPending('2026-01-02T00:00:00.000Z', 5);
    expect(listed.map((head) => head.id)).toEqual(['agg-11', 'agg-10', 'agg-9', 'agg-8', 'agg-7']);
    expect(listed[0]).toEqual(pendingHead('agg-11', 3, '2026-01-01T00:00:48.000Z'));

    // An older command's step h after version 3 was written: the outbox stays, the watermark rises once.
    await heads.markPublished('agg-0', 2);
    await heads.markPublished('agg-0', 1);
    expect(await heads.read('agg-0')).toMatchObject({
      version: 3,
      publishedThrough: 2,
      pending: [expect.anything()],
    });
    await heads.markPublished('agg-0', 3);
    expect(await heads.read('agg-0')).toMatchObject({ version: 3, publishedThrough: 3, pending: [] });
    expect((await heads.listPending('2026-01-02T00:00:00.000Z', 20)).map((head) => head.id)).not.toContain(
      'agg-0',
    );
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
