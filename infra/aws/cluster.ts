import { KAFKA_VERSION } from '../local/kafka/version';
import { REPLICATION_FACTOR, topics } from '../topology';
import { getAtt, ref, sub, type CfnResource, type Resources } from './cfn';
import { Network } from './network';
import { CREATE_CLUSTER, Created, Param } from './parameters';

/**
 * The MSK version string of the release the local broker runs: the same minor line, in KRaft mode
 * like the local broker (`3.9.1` → `3.9.x.kraft`).
 */
export function mskKafkaVersion(version: string = KAFKA_VERSION): string {
  const [major, minor] = version.split('.');
  if (!major || !minor) throw new Error(`not a Kafka version: ${version}`);
  return `${major}.${minor}.x.kraft`;
}

/**
 * Broker settings. Topics are created explicitly (infra/aws/README.md), never by a typo in a
 * producer. RF 3 with min ISR 2 and acks=all (kafkajs idempotent producers) survive one broker loss
 * without losing an acknowledged event. The internal topics (offsets, transaction state) already get
 * RF 3 / min ISR 2 from MSK's defaults for a three-AZ cluster.
 */
export function serverProperties(): string {
  const replicas = REPLICATION_FACTOR.msk;
  const properties: Record<string, string | number | boolean> = {
    'auto.create.topics.enable': false,
    'default.replication.factor': replicas,
    'min.insync.replicas': replicas - 1,
    'num.partitions': topics.orders.partitions,
    'unclean.leader.election.enable': false,
  };
  return Object.entries(properties)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('\n');
}

export const Cluster = {
  configuration: 'KafkaClusterConfiguration',
  key: 'KafkaDataKey',
} as const;

const created = (resource: Omit<CfnResource, 'Condition'>): CfnResource => ({
  ...resource,
  Condition: CREATE_CLUSTER,
});

/** A provisioned cluster: three brokers in the three private subnets, IAM auth over TLS only. */
export function clusterResources(): Resources {
  return {
    [Cluster.key]: created({
      Type: 'AWS::KMS::Key',
      Properties: {
        Description: sub('${AWS::StackName} MSK data volumes'),
        EnableKeyRotation: true,
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AccountAdministersKey',
              Effect: 'Allow',
              Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        },
      },
    }),
    [Cluster.configuration]: created({
      Type: 'AWS::MSK::Configuration',
      // No KafkaVersionsList: the configuration then applies to any version, upgrades included.
      Properties: { Name: sub('${AWS::StackName}'), ServerProperties: serverProperties() },
    }),
    [Created.cluster]: created({
      Type: 'AWS::MSK::Cluster',
      Properties: {
        ClusterName: sub('${AWS::StackName}'),
        KafkaVersion: mskKafkaVersion(),
        NumberOfBrokerNodes: Created.subnets.length,
        BrokerNodeGroupInfo: {
          InstanceType: ref(Param.kafkaBrokerInstanceType),
          ClientSubnets: Created.subnets.map((id) => ref(id)),
          SecurityGroups: [getAtt(Network.clusterSecurityGroup, 'GroupId')],
          StorageInfo: { EBSStorageInfo: { VolumeSize: 100 } },
        },
        ClientAuthentication: { Sasl: { Iam: { Enabled: true } }, Unauthenticated: { Enabled: false } },
        EncryptionInfo: {
          EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true },
          EncryptionAtRest: { DataVolumeKMSKeyId: getAtt(Cluster.key, 'Arn') },
        },
        ConfigurationInfo: {
          Arn: getAtt(Cluster.configuration, 'Arn'),
          Revision: getAtt(Cluster.configuration, 'LatestRevision.Revision'),
        },
        EnhancedMonitoring: 'DEFAULT',
      },
    }),
  };
}
