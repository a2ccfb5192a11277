import { createTableInput } from '../../lib/dynamodb/createTable';
import { tables, type TableKey, type TableSpec } from '../topology';
import { getAtt, join, ref, type CfnResource, type CfnValue, type Resources } from './cfn';

/** `orderHeads` → `OrderHeadsTable`. */
export const tableLogicalId = (key: TableKey) => `${key.charAt(0).toUpperCase()}${key.slice(1)}Table`;

/** The table name (what `Ref` of an AWS::DynamoDB::Table returns). */
export const tableNameOf = (key: TableKey) => ref(tableLogicalId(key));

/** The ARN of the table behind `key`: the topology's, or another of the same definition (a version's). */
export const tableArnOf = (key: TableKey, logicalId: string = tableLogicalId(key)) =>
  getAtt(logicalId, 'Arn');

/** The ARNs of the table's indexes, by name: Query on a GSI is authorised on the index ARN. */
export const indexArnsOf = (key: TableKey, logicalId: string = tableLogicalId(key)): CfnValue[] =>
  tables[key].definition.indexes.map((index) => join([tableArnOf(key, logicalId), `/index/${index.name}`]));

/**
 * An AWS::DynamoDB::Table from the same definition `ensureTable` uses locally (`createTableInput`),
 * so keys and indexes cannot differ between the two. Names are left to CloudFormation (functions get
 * them through their environment), so a retained table never blocks a redeploy under the same name.
 */
export function tableResource(spec: TableSpec): CfnResource {
  const input = createTableInput('unused', spec.definition);
  const { TableName: _name, ...properties } = input;
  // Views are rebuilt by replaying the topics; heads, idempotency keys and checkpoints are state.
  // Views and the index are derived from the topics; everything else cannot be recomputed.
  const policy = spec.kind === 'views' || spec.kind === 'index' ? 'Delete' : 'Retain';
  return {
    Type: 'AWS::DynamoDB::Table',
    DeletionPolicy: policy,
    UpdateReplacePolicy: policy,
    Properties: {
      ...(properties as Record<string, CfnValue>),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      ...(spec.ttlAttribute
        ? { TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true } }
        : {}),
    },
  };
}

export function tableResources(): Resources {
  const resources: Resources = {};
  for (const [key, spec] of Object.entries(tables) as [TableKey, TableSpec][]) {
    resources[tableLogicalId(key)] = tableResource(spec);
  }
  return resources;
}
