import { ensureTable } from '../../../lib/dynamodb/createTable';
import {
  DynamoEntityStore,
  entityItemId,
  entityTableDefinition,
} from '../../../lib/entities/dynamoEntityStore';
import { testDynamo } from '../support/dynamo';
import { uniqueName } from '../support/names';

describe('DynamoEntityStore', () => {
  const client = testDynamo();
  afterAll(() => client.destroy());

  async function store() {
    const tableName = uniqueName('entities');
    await ensureTable(client, tableName, entityTableDefinition);
    return new DynamoEntityStore(client, tableName);
  }

  it('reads back what it wrote, by key, and only the keys that exist', async () => {
    const entities = await store();
    await entities.putMany('sku-1', [
      { key: 'o-1', version: 3, value: { quantity: 2, status: 'reserved' } },
      { key: 'o-2', version: 4, value: { quantity: 1, status: 'rejected' } },
    ]);
    const found = await entities.getMany('sku-1', ['o-1', 'o-2', 'o-3', 'o-1']);
    expect([...found.keys()].sort()).toEqual(['o-1', 'o-2']);
    expect(found.get('o-1')).toEqual({ key: 'o-1', version: 3, value: { quantity: 2, status: 'reserved' } });
    expect((await entities.getMany('sku-2', ['o-1'])).size).toBe(0);
  });

  it('never replaces a value with one of the same or an earlier version (a late flush)', async () => {
    const entities = await store();
    await entities.putMany('sku-1', [{ key: 'o-1', version: 5, value: 'released' }]);
    await entities.putMany('sku-1', [{ key: 'o-1', version: 4, value: 'reserved' }]);
    await entities.putMany('sku-1', [{ key: 'o-1', version: 5, value: 'other' }]);
    expect((await entities.getMany('sku-1', ['o-1'])).get('o-1')).toMatchObject({
      version: 5,
      value: 'released',
    });
    await entities.putMany('sku-1', [{ key: 'o-1', version: 6, value: 'shipped' }]);
    expect((await entities.getMany('sku-1', ['o-1'])).get('o-1')).toMatchObject({
      version: 6,
      value: 'shipped',
    });
  });

  it('keeps aggregates apart whatever their ids contain', async () => {
    const entities = await store();
    await entities.putMany('a|b', [{ key: 'c', version: 1, value: 'first' }]);
    await entities.putMany('a', [{ key: 'b|c', version: 1, value: 'second' }]);
    expect(entityItemId('a|b', 'c')).not.toBe(entityItemId('a', 'b|c'));
    expect((await entities.getMany('a|b', ['c'])).get('c')?.value).toBe('first');
    expect((await entities.getMany('a', ['b|c'])).get('b|c')?.value).toBe('second');
  });
});
