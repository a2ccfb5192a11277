import { clusterResources, mskKafkaVersion, serverProperties } from '../../../../infra/aws/cluster';
import { KAFKA_VERSION } from '../../../../infra/local/kafka/version';

describe('mskKafkaVersion', () => {
  it('runs the local broker’s minor line in KRaft mode', () => {
    expect(mskKafkaVersion('3.9.1')).toBe('3.9.x.kraft');
    expect(mskKafkaVersion()).toBe(`${KAFKA_VERSION.split('.').slice(0, 2).join('.')}.x.kraft`);
  });

  it('rejects what is not a version', () => {
    expect(() => mskKafkaVersion('latest')).toThrow('not a Kafka version');
  });
});

describe('serverProperties', () => {
  it('creates no topic implicitly and keeps two in-sync replicas of three', () => {
    const lines = serverProperties().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'auto.create.topics.enable=false',
        'default.replication.factor=3',
        'min.insync.replicas=2',
      ]),
    );
  });
});

describe('clusterResources', () => {
  it('authenticates with IAM only, over TLS, encrypted at rest with its own key', () => {
    const cluster = clusterResources().KafkaCluster!;
    expect(cluster.Condition).toBe('CreateCluster');
    expect(cluster.Properties).toMatchObject({
      NumberOfBrokerNodes: 3,
      ClientAuthentication: { Sasl: { Iam: { Enabled: true } }, Unauthenticated: { Enabled: false } },
      EncryptionInfo: {
        EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true },
        EncryptionAtRest: { DataVolumeKMSKeyId: { 'Fn::GetAtt': ['KafkaDataKey', 'Arn'] } },
      },
    });
  });
});
