import { randomBytes } from 'node:crypto';

/** One KRaft node: it is both broker and controller (combined mode), so it has two listeners. */
export type KafkaNodeSpec = {
  readonly nodeId: number;
  readonly host: string;
  /** Client (PLAINTEXT) port. */
  readonly port: number;
  /** KRaft controller quorum port. */
  readonly controllerPort: number;
};

/** Input of {@link brokerProperties}: the node to configure and every node of its cluster. */
export type BrokerConfigInput = {
  readonly node: KafkaNodeSpec;
  /** All voters, including `node`. One entry gives a single-node cluster. */
  readonly cluster: readonly KafkaNodeSpec[];
  readonly logDir: string;
};

/**
 * The `server.properties` entries of one combined broker+controller node. Replication follows cluster
 * size: one node gets replication factor 1 everywhere; three or more get RF 3 with a transaction-log
 * min ISR of 2, as a production cluster would have.
 *
 * @example
 * const node = { nodeId: 1, host: '127.0.0.1', port: 9092, controllerPort: 9093 };
 * renderProperties(brokerProperties({ node, cluster: [node], logDir: '/tmp/kafka' }));
 */
export function brokerProperties({ node, cluster, logDir }: BrokerConfigInput): Record<string, string> {
  const replicas = Math.min(cluster.length, 3);
  const minIsr = replicas >= 3 ? 2 : 1;
  return {
    'process.roles': 'broker,controller',
    'node.id': String(node.nodeId),
    'controller.quorum.voters': cluster.map((n) => `${n.nodeId}@${n.host}:${n.controllerPort}`).join(','),
    listeners: `PLAINTEXT://${node.host}:${node.port},CONTROLLER://${node.host}:${node.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${node.host}:${node.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': logDir,
    'num.partitions': '1',
    'default.replication.factor': String(replicas),
    'offsets.topic.replication.factor': String(replicas),
    'transaction.state.log.replication.factor': String(replicas),
    'transaction.state.log.min.isr': String(minIsr),
    // The internal topics default to 50 partitions each; creating them dominates the first consumer-group
    // join and the first transaction on a fresh broker. 5 is plenty for tests.
    'offsets.topic.num.partitions': '5',
    'transaction.state.log.num.partitions': '5',
    // Tests join groups one consumer at a time; the default 3 s delay would be pure waiting.
    'group.initial.rebalance.delay.ms': '0',
    // Off, like Amazon MSK's default: a topic the code forgot to create must fail locally too.
    'auto.create.topics.enable': 'false',
    // Small segments and indexes keep each test topic's disk and mmap footprint modest.
    'log.segment.bytes': String(16 * 1024 * 1024),
    'log.index.size.max.bytes': String(1024 * 1024),
    // A test broker serves a handful of clients; fewer threads start faster and use less memory.
    'num.network.threads': '2',
    'num.io.threads': '4',
    'num.recovery.threads.per.data.dir': '1',
  };
}

/** Serialises entries in Java `.properties` syntax (backslashes escaped, so Windows paths survive). */
export function renderProperties(properties: Record<string, string>): string {
  const escape = (value: string) => value.replace(/\\/g, '\\\\');
  return Object.entries(properties)
    .map(([key, value]) => `${key}=${escape(value)}\n`)
    .join('');
}

/**
 * A fresh KRaft cluster id: 16 random bytes as 22 base64url characters, the format Kafka's `Uuid` parses.
 * An id starting with `-` is drawn again because StorageTool would read it as an option.
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * The `cluster.id` recorded in a formatted log dir's `meta.properties`, if any. Restarting a broker on
 * its old storage must format (a no-op) with that id: StorageTool refuses a different one.
 *
 * @example
 * formattedClusterId('version=1\ncluster.id=abc\nnode.id=1\n'); // 'abc'
 */
export function formattedClusterId(metaProperties: string): string | undefined {
  return /^cluster\.id=(.+)$/m.exec(metaProperties)?.[1]?.trim();
}
