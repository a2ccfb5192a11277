import { select, split, type CfnValue } from './cfn';
import { clusterArn } from './parameters';

/** The resource types of MSK IAM access control besides the cluster itself. */
export type KafkaResourceType = 'topic' | 'group' | 'transactional-id';

// arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>: MSK IAM names topics, groups and
// transactional ids under the cluster's name and uuid, which only exist once the cluster does.
const clusterPath = split('/', clusterArn);

/**
 * The ARN of a topic, group or transactional id of the cluster the stack uses, e.g.
 * `arn:aws:kafka:eu-west-1:123456789012:topic/<cluster>/<uuid>/orders`. The cluster is taken to be in
 * the stack's account and region (an event source mapping cannot reach another region anyway).
 */
export function kafkaResourceArn(type: KafkaResourceType, name: string): CfnValue {
  return {
    'Fn::Sub': [
      `arn:\${AWS::Partition}:kafka:\${AWS::Region}:\${AWS::AccountId}:${type}/\${ClusterName}/\${ClusterUuid}/${name}`,
      { ClusterName: select(1, clusterPath), ClusterUuid: select(2, clusterPath) },
    ],
  };
}
