import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  lambdaLogicalId,
  mskEventSourceMappingLogicalId,
  roleLogicalId,
} from '../../../infra/aws/logicalIds';
import { functions, projectionVersion, topics } from '../../../infra/topology';
import { resourceTexts } from './cfnText';
import { packageOffline } from './packageOffline';

// Two packages, one per params set, side by side in beforeAll (each bundles every function): version
// 2 of the order projection beside version 1, and version 2 alone. The default package (no version
// beyond 1) is checked in serverlessPackage.test.ts.

interface Resource {
  Type: string;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  Properties: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
type Template = Record<string, Resource>;
interface Statement {
  Action: string[];
  Resource: unknown;
}

const root = resolve(__dirname, '../../..');
const PACKAGE_TIMEOUT_MS = 300_000;
const outDirs: string[] = [];
let besideV1: Template;
let v2Only: Template;

async function packaged(prefix: string, orderViewsVersions: string): Promise<Template> {
  const outDir = await packageOffline(root, prefix, PACKAGE_TIMEOUT_MS, { orderViewsVersions });
  outDirs.push(outDir);
  const text = await readFile(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8');
  return (JSON.parse(text) as { Resources: Template }).Resources;
}

beforeAll(async () => {
  [besideV1, v2Only] = await Promise.all([
    packaged('sls-versions-12-', '1,2'),
    packaged('sls-versions-2-', '2'),
  ]);
}, PACKAGE_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all(outDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const get = (template: Template, id: string) => {
  const found = template[id];
  if (!found) throw new Error(`${id} is not in the template`);
  return found;
};
const environmentOf = (template: Template, name: string) =>
  (get(template, lambdaLogicalId(name)).Properties.Environment as { Variables: Record<string, unknown> })
    .Variables;
const statementsOf = (template: Template, name: string) =>
  (
    get(template, roleLogicalId(name)).Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[]
  ).flatMap((policy) => policy.PolicyDocument.Statement);
const granted = (template: Template, name: string, action: string) =>
  statementsOf(template, name)
    .filter((statement) => statement.Action.includes(action))
    .flatMap((statement) => [statement.Resource].flat().map((resource) => JSON.stringify(resource)));
const arnOf = (id: string) => JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] });
const mappingId = (name: string, topic: string) =>
  mskEventSourceMappingLogicalId(name, 'KafkaCluster', topic);
const lambdas = (template: Template) =>
  Object.entries(template).filter(([, resource]) => resource.Type === 'AWS::Lambda::Function');

describe('orderViewsVersions=1,2: version 2 beside version 1', () => {
  const v2 = projectionVersion('orderViews', 2);

  it('creates version 2’s table as version 1’s, deleted with the stack', () => {
    const table = get(besideV1, 'OrderViewsV2Table');
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Delete');
    expect(table.Properties).toEqual(get(besideV1, 'OrderViewsTable').Properties);
    expect(Object.keys(besideV1).filter((id) => /V\d+Table$/.test(id))).toEqual(['OrderViewsV2Table']);
  });

  it('deploys projectOrdersV2: the same handler, as version 2, on version 2’s table, under its own role', () => {
    expect(get(besideV1, lambdaLogicalId('projectOrdersV2')).Properties).toMatchObject({
      Handler: get(besideV1, lambdaLogicalId('projectOrders')).Properties.Handler as unknown,
      Role: { 'Fn::GetAtt': [roleLogicalId('projectOrdersV2'), 'Arn'] },
      VpcConfig: expect.anything(),
    });
    expect(environmentOf(besideV1, 'projectOrdersV2')).toMatchObject({
      PROJECTION_VERSION: '2',
      ORDER_VIEWS_TABLE: { Ref: 'OrderViewsV2Table' },
    });
    expect(environmentOf(besideV1, 'projectOrders')).toMatchObject({
      PROJECTION_VERSION: '1',
      ORDER_VIEWS_TABLE: { Ref: 'OrderViewsTable' },
    });
    expect(lambdas(besideV1)).toHaveLength(functions.length + 2);
  });

  it('maps it to the orders topic in its own consumer group from TRIM_HORIZON, with its failure settings', () => {
    const mapping = get(besideV1, mappingId('projectOrdersV2', topics.orders.name));
    expect(mapping.Properties).toMatchObject({
      FunctionName: { 'Fn::GetAtt': [lambdaLogicalId('projectOrdersV2'), 'Arn'] },
      Topics: ['orders'],
      StartingPosition: 'TRIM_HORIZON',
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'order-views-v2' },
      BatchSize: v2.msk!.batchSize,
      MaximumRetryAttempts: v2.msk!.maximumRetryAttempts,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: 'kafka://lambda-failures' } },
      ProvisionedPollerConfig: { MinimumPollers: expect.any(Number) },
    });
    expect(mapping.DependsOn).toEqual(expect.arrayContaining(['KafkaTopics']));
    const redrive = get(besideV1, mappingId('projectOrdersV2', topics.lambdaFailures.name));
    expect(redrive.Properties).toMatchObject({
      Topics: ['lambda-failures'],
      StartingPosition: 'TRIM_HORIZON',
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'order-views-v2-redrive' },
    });
    expect(redrive.Properties.ProvisionedPollerConfig).toBeUndefined();
  });

  it('names version 2’s table to every function, for the operating tools', () => {
    for (const [id, fn] of lambdas(besideV1)) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect([id, variables.ORDER_VIEWS_TABLE_V2]).toEqual([id, { Ref: 'OrderViewsV2Table' }]);
      expect([id, Object.keys(variables).filter((name) => /_V\d+$/.test(name))]).toEqual([
        id,
        ['ORDER_VIEWS_TABLE_V2'],
      ]);
    }
  });

  it('lets the queries read (and list) both versions’ tables, whichever is live', () => {
    for (const name of ['getOrder', 'listOrders']) {
      expect(granted(besideV1, name, 'dynamodb:GetItem')).toEqual(
        expect.arrayContaining([arnOf('OrderViewsTable'), arnOf('OrderViewsV2Table')]),
      );
    }
    const queried = statementsOf(besideV1, 'listOrders')
      .filter((statement) => statement.Action.includes('dynamodb:Query'))
      .flatMap((statement) => resourceTexts(statement.Resource));
    expect(queried).toEqual(['{…}/index/by-customer', '{…}/index/by-customer']);
    expect(granted(besideV1, 'listOrders', 'dynamodb:Query').join()).toContain('OrderViewsV2Table');
    expect(granted(besideV1, 'getInventory', 'dynamodb:GetItem')).not.toContain(arnOf('OrderViewsV2Table'));
  });

  it('keeps each version’s function to its own table and group', () => {
    const v2Role = JSON.stringify(get(besideV1, roleLogicalId('projectOrdersV2')).Properties);
    const v1Role = JSON.stringify(get(besideV1, roleLogicalId('projectOrders')).Properties);
    expect(granted(besideV1, 'projectOrdersV2', 'dynamodb:PutItem')).toEqual([arnOf('OrderViewsV2Table')]);
    expect(v2Role).not.toContain('"OrderViewsTable"');
    expect(v1Role).not.toContain('OrderViewsV2Table');
    expect(v2Role).toContain('/order-views-v2');
    expect(v2Role).toContain('/order-views-v2-redrive');
    expect(granted(besideV1, 'projectOrdersV2', 'dynamodb:GetItem')).toContain(
      arnOf('ProjectionVersionsTable'),
    );
  });
});

describe('orderViewsVersions=2: version 1 dropped', () => {
  it('deploys no version-1 function, role or mapping, and version 2 in its place', () => {
    const ids = Object.keys(v2Only);
    expect(ids.filter((id) => id.startsWith('ProjectOrders') && !id.startsWith('ProjectOrdersV2'))).toEqual(
      [],
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        lambdaLogicalId('projectOrdersV2'),
        mappingId('projectOrdersV2', topics.orders.name),
        mappingId('projectOrdersV2', topics.lambdaFailures.name),
      ]),
    );
    expect(lambdas(v2Only)).toHaveLength(functions.length + 1);
  });

  it('keeps version 1’s table, which every function still names as the fallback', () => {
    expect(get(v2Only, 'OrderViewsTable').Type).toBe('AWS::DynamoDB::Table');
    expect(environmentOf(v2Only, 'getOrder')).toMatchObject({
      ORDER_VIEWS_TABLE: { Ref: 'OrderViewsTable' },
      ORDER_VIEWS_TABLE_V2: { Ref: 'OrderViewsV2Table' },
    });
  });
});
