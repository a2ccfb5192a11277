import { ifCondition, join, ref, split, type CfnValue } from './cfn';

/**
 * The stack either creates its VPC and MSK cluster or uses existing ones. CloudFormation decides
 * with this condition, so one template serves both; the defaults of the parameters come from the
 * osls params of the same names (`--param="existingKafkaClusterArn=arn:…"`).
 */
export const CREATE_CLUSTER = 'CreateCluster';

export const Param = {
  existingKafkaClusterArn: 'ExistingKafkaClusterArn',
  existingSubnetIds: 'ExistingSubnetIds',
  existingSecurityGroupIds: 'ExistingSecurityGroupIds',
  kafkaBrokerInstanceType: 'KafkaBrokerInstanceType',
} as const;

/** The values the osls params resolved to; empty strings select "create". */
export type DeploymentSettings = Record<keyof typeof Param, string>;

/** Logical ids of what the stack creates when {@link CREATE_CLUSTER} holds. */
export const Created = {
  cluster: 'KafkaCluster',
  subnets: ['PrivateSubnetA', 'PrivateSubnetB', 'PrivateSubnetC'],
  functionSecurityGroup: 'FunctionSecurityGroup',
} as const;

const descriptions: Record<keyof typeof Param, string> = {
  existingKafkaClusterArn: 'ARN of an existing MSK cluster (IAM auth); empty creates a VPC and a cluster',
  existingSubnetIds: 'Comma-separated private subnets for the functions (existing cluster only)',
  existingSecurityGroupIds: 'Comma-separated security groups for the functions (existing cluster only)',
  kafkaBrokerInstanceType: 'Broker instance type of the created cluster',
};

export function parameterSection(settings: DeploymentSettings) {
  const Parameters: Record<string, CfnValue> = {};
  for (const key of Object.keys(Param) as (keyof typeof Param)[]) {
    Parameters[Param[key]] = { Type: 'String', Default: settings[key], Description: descriptions[key] };
  }
  const existing = { 'Fn::Not': [{ 'Fn::Equals': [ref(Param.existingKafkaClusterArn), ''] }] };
  const given = (param: string) => ({ 'Fn::Not': [{ 'Fn::Equals': [ref(param), ''] }] });
  return {
    Parameters,
    Conditions: { [CREATE_CLUSTER]: { 'Fn::Equals': [ref(Param.existingKafkaClusterArn), ''] } },
    Rules: {
      ExistingClusterNeedsNetwork: {
        RuleCondition: existing,
        Assertions: [
          { Assert: given(Param.existingSubnetIds), AssertDescription: 'ExistingSubnetIds is required' },
          {
            Assert: given(Param.existingSecurityGroupIds),
            AssertDescription: 'ExistingSecurityGroupIds is required',
          },
        ],
      },
    },
  };
}

/** The cluster the functions use: `Ref` of an AWS::MSK::Cluster is its ARN. */
export const clusterArn = ifCondition(
  CREATE_CLUSTER,
  ref(Created.cluster),
  ref(Param.existingKafkaClusterArn),
);

// A list chosen by a condition, written the way osls's vpc schema accepts (Split of a Join).
const listOf = (created: CfnValue, existingParam: string) =>
  split(',', join([ifCondition(CREATE_CLUSTER, created, ref(existingParam))]));

export const functionSubnetIds = listOf(
  join(
    Created.subnets.map((id) => ref(id)),
    ',',
  ),
  Param.existingSubnetIds,
);

export const functionSecurityGroupIds = listOf(
  ref(Created.functionSecurityGroup),
  Param.existingSecurityGroupIds,
);
