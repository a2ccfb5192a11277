import {
  tables,
  topics,
  transactionalIdPrefix,
  type FunctionSpec,
  type TableKey,
  type TopicKey,
} from '../topology';
import { sub, type CfnResource, type CfnValue } from './cfn';
import { kafkaResourceArn } from './mskArns';
import { clusterArn } from './parameters';
import { indexArnsOf, tableArnOf, tableLogicalId } from './tables';

export interface Statement {
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: CfnValue[] | '*';
}

const DYNAMODB_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem'];
const DYNAMODB_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/** Functions that talk to Kafka: they run in the VPC and get MSK permissions. */
export const usesKafka = (spec: FunctionSpec) =>
  spec.produces.length > 0 || spec.msk !== undefined || (spec.readsLog?.length ?? 0) > 0;

export const topicArn = (name: string) => kafkaResourceArn('topic', name);

/** The logical ids of the tables behind each table key: by default the topology's one table. */
export type TableIds = (key: TableKey) => readonly string[];

const topologyTables: TableIds = (key) => [tableLogicalId(key)];

function tableStatements(spec: FunctionSpec, tableIds: TableIds): Statement[] {
  const tableArns = (keys: readonly TableKey[]) =>
    keys.flatMap((key) => tableIds(key).map((id) => tableArnOf(key, id)));
  // Query is authorised on the index queried, each named: no `index/*`. A table without indexes
  // can only be queried on its own key.
  const queryArns = (keys: readonly TableKey[]) =>
    keys.flatMap((key) =>
      tableIds(key).flatMap((id) =>
        tables[key].definition.indexes.length > 0 ? indexArnsOf(key, id) : [tableArnOf(key, id)],
      ),
    );
  const grants: [string[], CfnValue[]][] = [
    [DYNAMODB_READ, tableArns(spec.reads)],
    [['dynamodb:Query'], queryArns(spec.queries ?? [])],
    [DYNAMODB_WRITE, tableArns(spec.writes)],
  ];
  return grants
    .filter(([, resources]) => resources.length > 0)
    .map(([Action, Resource]) => ({ Effect: 'Allow', Action, Resource }));
}

function producerStatements(spec: FunctionSpec, deployedName: string): Statement[] {
  if (spec.produces.length === 0) return [];
  const statements: Statement[] = [
    {
      Effect: 'Allow',
      Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
      Resource: spec.produces.map((key) => topicArn(topics[key].name)),
    },
    // Every producer of lib/ is idempotent (acks=all, no duplicates from its own retries).
    { Effect: 'Allow', Action: ['kafka-cluster:WriteDataIdempotently'], Resource: [clusterArn] },
  ];
  if (spec.transactional) {
    // Ids end in `-<execution environment>-<slot>` (lib/eventLog/kafkaEventLog.ts), random per
    // environment: a wildcard after this function's own prefix, inside this one cluster, is as
    // narrow as IAM can express.
    statements.push({
      Effect: 'Allow',
      Action: ['kafka-cluster:DescribeTransactionalId', 'kafka-cluster:AlterTransactionalId'],
      Resource: [kafkaResourceArn('transactional-id', `${transactionalIdPrefix(deployedName)}-*`)],
    });
  }
  return statements;
}

/** What the event source mapping does with the function's role: consume, commit, dead-letter. */
function consumerStatements(spec: FunctionSpec): Statement[] {
  return [...mappingStatements(spec), ...redriveStatements(spec), ...logReadStatements(spec)];
}

/** Reading records back by offset: no consumer group, so no group permissions. */
function logReadStatements(spec: FunctionSpec): Statement[] {
  if (!spec.readsLog?.length) return [];
  const Resource = spec.readsLog.map((topic) => topicArn(topics[topic].name));
  return [{ Effect: 'Allow', Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'], Resource }];
}

/** The second mapping, on the on-failure topic: read and commit, nowhere to write. */
function redriveStatements(spec: FunctionSpec): Statement[] {
  if (!spec.redrive) return [];
  return consumeStatements(spec.redrive.topic, spec.redrive.consumerGroupId);
}

/** Reading a topic as one consumer group: describe and read the topic, describe and commit the group. */
function consumeStatements(topic: TopicKey, consumerGroupId: string): Statement[] {
  return [
    {
      Effect: 'Allow',
      Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
      Resource: [topicArn(topics[topic].name)],
    },
    {
      Effect: 'Allow',
      Action: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
      Resource: [kafkaResourceArn('group', consumerGroupId)],
    },
  ];
}

function mappingStatements(spec: FunctionSpec): Statement[] {
  if (!spec.msk) return [];
  const { topic, consumerGroupId, onFailure } = spec.msk;
  return [
    ...consumeStatements(topic, consumerGroupId),
    {
      Effect: 'Allow',
      Action: ['kafka-cluster:DescribeClusterDynamicConfiguration'],
      Resource: [clusterArn],
    },
    {
      Effect: 'Allow',
      Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
      Resource: [topicArn(topics[onFailure].name)],
    },
  ];
}

/** Broker discovery (control plane) and a connection to the cluster (data plane). */
export const clusterAccessStatements = (): Statement[] => [
  {
    Effect: 'Allow',
    Action: ['kafka:DescribeCluster', 'kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers'],
    Resource: [clusterArn],
  },
  {
    Effect: 'Allow',
    Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
    Resource: [clusterArn],
  },
];

/**
 * Network interfaces of a function in the VPC and of a mapping's pollers. EC2 has no resource-level
 * permissions for the Describe calls, hence '*' (not a dynamodb or kafka-cluster action).
 */
export const networkInterfaceStatement = (): Statement => ({
  Effect: 'Allow',
  Action: [
    'ec2:CreateNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DeleteNetworkInterface',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
    'ec2:DescribeVpcs',
    'ec2:DescribeSubnets',
    'ec2:DescribeSecurityGroups',
  ],
  Resource: '*',
});

/** Writing to the function's own log group (osls creates the group). */
export const logStatement = (deployedName: string): Statement => ({
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: [
    sub(
      `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${deployedName}:*`,
    ),
  ],
});

/**
 * Every statement of the function's role: its log group, its tables, its topics and group.
 * `tableIds` says which tables a key stands for (a projection version's own views table, or every
 * version's for a query: infra/aws/projectionVersions.ts).
 */
export function functionStatements(
  spec: FunctionSpec,
  deployedName: string,
  tableIds: TableIds = topologyTables,
): Statement[] {
  const kafka = usesKafka(spec)
    ? [
        ...clusterAccessStatements(),
        ...producerStatements(spec, deployedName),
        ...consumerStatements(spec),
        networkInterfaceStatement(),
      ]
    : [];
  return [logStatement(deployedName), ...tableStatements(spec, tableIds), ...kafka];
}

/** A role for one function, assumable by Lambda only. */
export function roleResource(statements: Statement[]): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      Policies: [
        {
          PolicyName: 'least-privilege',
          PolicyDocument: { Version: '2012-10-17', Statement: statements as unknown as CfnValue[] },
        },
      ],
    },
  };
}
