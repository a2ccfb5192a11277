import type { KafkaNodeSpec } from '../../../../../infra/local/kafka/brokerConfig';
import {
  brokerProperties,
  formattedClusterId,
  newClusterId,
  renderProperties,
} from '../../../../../infra/local/kafka/brokerConfig';

const node = (nodeId: number): KafkaNodeSpec => ({
  nodeId,
  host: '127.0.0.1',
  port: 9000 + nodeId,
  controllerPort: 9100 + nodeId,
});

describe('brokerProperties', () => {
  it('configures a single node as broker and controller of its own quorum, replicating nothing', () => {
    const props = brokerProperties({ node: node(1), cluster: [node(1)], logDir: '/data/kraft' });
    expect(props).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': '1@127.0.0.1:9101',
      listeners: 'PLAINTEXT://127.0.0.1:9001,CONTROLLER://127.0.0.1:9101',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:9001',
      'controller.listener.names': 'CONTROLLER',
      'log.dirs': '/data/kraft',
      'num.partitions': '1',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
      'auto.create.topics.enable': 'false',
    });
  });

  it('keeps the internal topics small so a fresh broker creates them quickly', () => {
    const props = brokerProperties({ node: node(1), cluster: [node(1)], logDir: '/d' });
    expect(Number(props['offsets.topic.num.partitions'])).toBeLessThanOrEqual(5);
    expect(Number(props['transaction.state.log.num.partitions'])).toBeLessThanOrEqual(5);
  });

  it('makes every node of a three-node cluster a voter and replicates internal topics 3 times', () => {
    const cluster = [node(1), node(2), node(3)];
    const props = brokerProperties({ node: node(2), cluster, logDir: '/d' });
    expect(props).toMatchObject({
      'node.id': '2',
      'controller.quorum.voters': '1@127.0.0.1:9101,2@127.0.0.1:9102,3@127.0.0.1:9103',
      listeners: 'PLAINTEXT://127.0.0.1:9002,CONTROLLER://127.0.0.1:9102',
      'default.replication.factor': '3',
      'offsets.topic.replication.factor': '3',
      'transaction.state.log.replication.factor': '3',
      'transaction.state.log.min.isr': '2',
    });
  });
});

describe('renderProperties', () => {
  it('writes one key=value line per entry and escapes backslashes', () => {
    expect(renderProperties({ 'node.id': '1', 'log.dirs': 'C:\\kafka\\data' })).toBe(
      'node.id=1\nlog.dirs=C:\\\\kafka\\\\data\n',
    );
  });
});

describe('newClusterId', () => {
  it('encodes 16 bytes as 22 base64url characters', () => {
    expect(newClusterId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('draws again when the id would start with "-", which StorageTool would parse as an option', () => {
    const draws = [Buffer.alloc(16, 0xfb), Buffer.alloc(16, 0x01)]; // 0xfb... encodes as "-..."
    expect(newClusterId(() => draws.shift()!)).toBe(Buffer.alloc(16, 0x01).toString('base64url'));
  });
});

describe('formattedClusterId', () => {
  it('reads the cluster id StorageTool wrote, so a broker restarted on its storage formats with it', () => {
    const meta =
      '#\n#Sun Nov 29 23:15:33 UTC 2026\nnode.id=1\ndirectory.id=Av0B\nversion=1\ncluster.id=DO5rlhu5tdPzkAd4Lg1f9w\n';
    expect(formattedClusterId(meta)).toBe('DO5rlhu5tdPzkAd4Lg1f9w');
  });

  it('finds none in a file without one', () => {
    expect(formattedClusterId('version=1\nnode.id=1\n')).toBeUndefined();
  });
});
