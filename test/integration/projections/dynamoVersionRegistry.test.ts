import { ensureTable } from '../../../lib/dynamodb/createTable';
import {
  DynamoVersionRegistry,
  versionRegistryTableDefinition,
} from '../../../lib/projectionVersions/dynamoVersionRegistry';
import { beginVersion, initialVersions } from '../../../lib/projectionVersions/lifecycle';
import { testDynamo } from '../support/dynamo';
import { uniqueName } from '../support/names';

const naming = (n: number) => ({ table: `views-v${n}`, group: `g-v${n}` });

describe('the DynamoDB version registry', () => {
  const client = testDynamo();
  const tableName = uniqueName('versions');
  const registry = new DynamoVersionRegistry(client, tableName);
  beforeAll(() => ensureTable(client, tableName, versionRegistryTableDefinition));
  afterAll(() => client.destroy());

  it('stores a record once, then only on the revision it was read at', async () => {
    const first = { ...initialVersions('orderViews', naming, 'now'), revision: 1 };
    expect(await registry.write(first, 0)).toBe(true);
    expect(await registry.write(first, 0)).toBe(false);
    const { next } = beginVersion(first, { naming, now: 'later' });
    expect(await registry.write(next, 1)).toBe(true);
    expect(await registry.write({ ...next, revision: 3 }, 1)).toBe(false);
    expect(await registry.read('orderViews', { consistent: true })).toEqual(next);
  });

  it('lists every projection’s record by name, and reads nothing for an unknown one', async () => {
    await registry.write({ ...initialVersions('accountViews', naming, 'now'), revision: 1 }, 0);
    expect((await registry.list()).map((record) => record.name)).toEqual(['accountViews', 'orderViews']);
    expect(await registry.read('inventoryViews')).toBeUndefined();
  });
});
