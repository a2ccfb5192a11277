import { FRAMEWORK_ENV, REPLICATION_FACTOR, topicConfigs, topics } from '../topology';
import { getAtt, ifCondition, ref, type CfnValue, type Resources } from './cfn';
import {
  clusterAccessStatements,
  logStatement,
  networkInterfaceStatement,
  roleResource,
  topicArn,
} from './iam';
import { lambdaLogicalId, roleLogicalId } from './logicalIds';
import { endpointLogicalId } from './network';
import { CREATE_CLUSTER, functionSecurityGroupIds, functionSubnetIds } from './parameters';

export const TOPICS_FUNCTION = 'kafkaTopics';
/** The custom resource the event source mappings depend on: no mapping starts before its topic exists. */
export const TOPICS_RESOURCE = 'KafkaTopics';

/** The custom resource's function: in the VPC, like every Kafka client. */
export function topicsFunction(): Record<string, CfnValue> {
  return {
    handler: 'infra/aws/kafkaTopicsHandler.handler',
    description: 'Custom::KafkaTopics: creates the topics of infra/topology.ts',
    timeout: 120,
    role: roleLogicalId(TOPICS_FUNCTION),
    environment: { [FRAMEWORK_ENV.clientId]: TOPICS_FUNCTION },
    vpc: { subnetIds: functionSubnetIds, securityGroupIds: functionSecurityGroupIds },
    events: [],
  };
}

export function topicsResources(deployedFunctionName: string): Resources {
  const topicArns = Object.values(topics).map((topic) => topicArn(topic.name));
  return {
    [roleLogicalId(TOPICS_FUNCTION)]: roleResource([
      logStatement(deployedFunctionName),
      ...clusterAccessStatements(),
      {
        Effect: 'Allow',
        Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:CreateTopic'],
        Resource: topicArns,
      },
      networkInterfaceStatement(),
    ]),
    [TOPICS_RESOURCE]: {
      Type: 'Custom::KafkaTopics',
      Properties: {
        ServiceToken: getAtt(lambdaLogicalId(TOPICS_FUNCTION), 'Arn'),
        // A changed topology (a new topic) changes this property, which makes CloudFormation send
        // an Update and the function create what is missing.
        Topics: JSON.stringify(topicConfigs(REPLICATION_FACTOR.msk)),
        // Not read by the function: the references make the resource wait for the endpoints its
        // function needs (MSK API for the brokers, S3 for the answer) when the stack creates them.
        NetworkReady: ifCondition(
          CREATE_CLUSTER,
          [ref(endpointLogicalId('kafka')), ref(endpointLogicalId('s3'))],
          '',
        ),
      },
    },
  };
}
