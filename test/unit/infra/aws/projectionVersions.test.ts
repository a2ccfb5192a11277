import { functionStatements } from '../../../../infra/aws/iam';
import {
  deployedFunctions,
  tableIdsOf,
  versionEnvironment,
  versionTableLogicalId,
  versionTableResources,
  versionTableVariables,
  type DeployedFunction,
} from '../../../../infra/aws/projectionVersions';
import { oslsEnvironment, oslsFunctions } from '../../../../infra/aws/serverlessFunctions';
import { tableResource } from '../../../../infra/aws/tables';
import { DEFAULT_VERSIONS, type DeployedVersions } from '../../../../infra/aws/versionParams';
import { functions, projectionVersion, tables } from '../../../../infra/topology';
import { resourceTexts } from '../../../integration/packaging/cfnText';

const withOrders = (orderViews: number[]): DeployedVersions => ({ ...DEFAULT_VERSIONS, orderViews });
const named = (list: DeployedFunction[], name: string) => list.find((fn) => fn.spec.name === name);
const readsOf = (fn: DeployedFunction, versions: DeployedVersions) =>
  functionStatements(fn.spec, `svc-dev-${fn.spec.name}`, tableIdsOf(fn, versions))
    .filter((statement) => statement.Action.includes('dynamodb:GetItem'))
    .flatMap((statement) => statement.Resource as unknown[])
    .map((resource) => JSON.stringify(resource));
const arn = (id: string) => JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] });

describe('deployedFunctions', () => {
  it('deploys exactly the topology by default, version 1 marked as such', () => {
    const deployed = deployedFunctions(DEFAULT_VERSIONS);
    expect(deployed.map((fn) => fn.spec)).toEqual(functions);
    expect(named(deployed, 'projectOrders')?.projection).toEqual({ name: 'orderViews', version: 1 });
    expect(named(deployed, 'getOrder')?.projection).toBeUndefined();
  });

  it('adds version 2 beside version 1, as the topology describes it', () => {
    const deployed = deployedFunctions(withOrders([1, 2]));
    expect(deployed).toHaveLength(functions.length + 1);
    expect(named(deployed, 'projectOrdersV2')).toEqual({
      spec: projectionVersion('orderViews', 2),
      projection: { name: 'orderViews', version: 2 },
    });
  });

  it('drops version 1’s function when it is not listed', () => {
    const names = deployedFunctions(withOrders([2])).map((fn) => fn.spec.name);
    expect(names).not.toContain('projectOrders');
    expect(names).toEqual(expect.arrayContaining(['projectOrdersV2', 'projectInventory', 'projectAccounts']));
  });
});

describe('version tables', () => {
  it('names version n’s table after version 1’s', () => {
    expect(versionTableLogicalId('orderViews', 1)).toBe('OrderViewsTable');
    expect(versionTableLogicalId('accountViews', 12)).toBe('AccountViewsV12Table');
  });

  it('defines a table per version ≥ 2 exactly as version 1’s, deleted with the stack', () => {
    expect(versionTableResources(DEFAULT_VERSIONS)).toEqual({});
    const resources = versionTableResources(withOrders([2, 3]));
    expect(Object.keys(resources)).toEqual(['OrderViewsV2Table', 'OrderViewsV3Table']);
    expect(resources.OrderViewsV2Table).toEqual(tableResource(tables.orderViews));
    expect(resources.OrderViewsV2Table?.DeletionPolicy).toBe('Delete');
  });

  it('names each version ≥ 2’s table in a variable of its own, for every function', () => {
    expect(versionTableVariables(DEFAULT_VERSIONS)).toEqual({});
    expect(versionTableVariables(withOrders([1, 2]))).toEqual({
      ORDER_VIEWS_TABLE_V2: { Ref: 'OrderViewsV2Table' },
    });
    expect(oslsEnvironment(withOrders([1, 2]))).toMatchObject({
      ORDER_VIEWS_TABLE: { Ref: 'OrderViewsTable' },
      ORDER_VIEWS_TABLE_V2: { Ref: 'OrderViewsV2Table' },
    });
  });
});

describe('a version’s function', () => {
  it('runs as its version, on its own table', () => {
    const v2 = named(deployedFunctions(withOrders([1, 2])), 'projectOrdersV2')!;
    expect(versionEnvironment(v2)).toEqual({
      PROJECTION_VERSION: '2',
      ORDER_VIEWS_TABLE: { Ref: 'OrderViewsV2Table' },
    });
    expect(oslsFunctions(withOrders([1, 2])).projectOrdersV2?.environment).toMatchObject({
      PROJECTION_VERSION: '2',
      ORDER_VIEWS_TABLE: { Ref: 'OrderViewsV2Table' },
    });
    expect(versionEnvironment({ spec: functions[0]! })).toEqual({});
  });

  it('reads and writes its own views table only', () => {
    const versions = withOrders([1, 2]);
    const deployed = deployedFunctions(versions);
    const v2 = named(deployed, 'projectOrdersV2')!;
    expect(readsOf(v2, versions)).toContain(arn('OrderViewsV2Table'));
    expect(readsOf(v2, versions)).not.toContain(arn('OrderViewsTable'));
    expect(readsOf(named(deployed, 'projectOrders')!, versions)).not.toContain(arn('OrderViewsV2Table'));
  });
});

describe('queries', () => {
  it('may read every deployed version’s table, and version 1’s, which stays', () => {
    const versions = withOrders([2, 3]);
    const getOrder = named(deployedFunctions(versions), 'getOrder')!;
    expect(readsOf(getOrder, versions)).toEqual(
      expect.arrayContaining([arn('OrderViewsTable'), arn('OrderViewsV2Table'), arn('OrderViewsV3Table')]),
    );
    expect(readsOf(getOrder, versions)).toContain(arn('ProjectionVersionsTable'));
  });

  it('may query every version’s index, each named', () => {
    const versions = withOrders([1, 2]);
    const listOrders = named(deployedFunctions(versions), 'listOrders')!;
    const queries = functionStatements(
      listOrders.spec,
      'svc-dev-listOrders',
      tableIdsOf(listOrders, versions),
    )
      .filter((statement) => statement.Action.includes('dynamodb:Query'))
      .flatMap((statement) => resourceTexts(statement.Resource));
    expect(queries).toEqual(['{…}/index/by-customer', '{…}/index/by-customer']);
  });
});
