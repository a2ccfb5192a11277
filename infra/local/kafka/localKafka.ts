import type { KafkaNodeSpec } from './brokerConfig';
import { newClusterId } from './brokerConfig';
import { kafkaCachePaths } from './cachePaths';
import { LocalKafkaError } from './errors';
import { freePorts } from './freePort';
import { ensureKafkaJars } from './jars';
import type { KafkaRuntime, LaunchedNode } from './launchNode';
import { launchNode } from './launchNode';
import { preflight, systemProbes } from './preflight';
import { stopStaleBrokers } from './processRegistry';
import { waitForBrokers } from './waitForBrokers';

/** Options of {@link startLocalKafka}; all optional. */
export type LocalKafkaOptions = {
  /** Client port. Default: env `KAFKA_PORT`, else a free port. */
  readonly port?: number;
  /** Data dir to use and keep. Default: a fresh temp dir, deleted by `stop()`. */
  readonly dataDir?: string;
  /** JVM heap (-Xms = -Xmx). Default 512. */
  readonly heapMb?: number;
  /** KRaft node id. Default 1. */
  readonly nodeId?: number;
  /** How long to wait for the broker to serve clients. Default 60 000. */
  readonly readyTimeoutMs?: number;
};

/** A local broker that answers clients. */
export type RunningKafka = {
  /** Bootstrap addresses, e.g. `['127.0.0.1:40123']`. */
  readonly brokers: string[];
  /** The broker's stdout/stderr and Kafka logs; kept after stop. */
  readonly logFile: string;
  readonly pid: number;
  /** Resolves, with how it ended, if the JVM exits (including after `stop()`). */
  readonly exited: Promise<string>;
  /** Stops the broker (SIGTERM, then SIGKILL after 15 s) and deletes its temp data dir. Idempotent. */
  stop(): Promise<void>;
};

const HOST = '127.0.0.1';

/**
 * Starts a single-node KRaft Kafka (broker + controller) from Apache's jars and resolves once it serves
 * clients. Throws `LocalKafkaPreflightError` when the machine lacks Java 17+ or a way to get the jars.
 *
 * @example
 * const kafka = await startLocalKafka();
 * try { new Kafka({ brokers: kafka.brokers }); ... } finally { await kafka.stop(); }
 */
export async function startLocalKafka(options: LocalKafkaOptions = {}): Promise<RunningKafka> {
  const runtime = await prepareRuntime();
  const [picked = 0, controllerPort = 0] = await freePorts(2);
  const port = options.port ?? portFromEnv() ?? picked;
  const node = { nodeId: options.nodeId ?? 1, host: HOST, port, controllerPort };
  const [started] = await startNodes(runtime, [node], options);
  return started as RunningKafka;
}

/** Options of {@link startLocalKafkaCluster}. */
export type LocalKafkaClusterOptions = Pick<LocalKafkaOptions, 'heapMb' | 'readyTimeoutMs'> & {
  /** Number of combined broker+controller nodes, all of them voters. Default 3. */
  readonly nodes?: number;
};

/** A local multi-node cluster; `stop()` stops every node. */
export type RunningKafkaCluster = {
  readonly brokers: string[];
  readonly nodes: readonly RunningKafka[];
  stop(): Promise<void>;
};

/**
 * Starts a local KRaft cluster of `nodes` combined nodes (node ids 1..n, internal topics with RF 3 and
 * transaction-log min ISR 2 from three nodes up), resolving once every broker serves clients.
 *
 * @example
 * const cluster = await startLocalKafkaCluster({ nodes: 3 });
 * await cluster.nodes[1]?.stop(); // lose a broker mid-test
 */
export async function startLocalKafkaCluster(
  options: LocalKafkaClusterOptions = {},
): Promise<RunningKafkaCluster> {
  const runtime = await prepareRuntime();
  const count = options.nodes ?? 3;
  const ports = await freePorts(2 * count);
  const specs: KafkaNodeSpec[] = Array.from({ length: count }, (_, index) => ({
    nodeId: index + 1,
    host: HOST,
    port: ports[2 * index] ?? 0,
    controllerPort: ports[2 * index + 1] ?? 0,
  }));
  const nodes = await startNodes(runtime, specs, options);
  return {
    brokers: nodes.flatMap((node) => node.brokers),
    nodes,
    stop: async () => void (await Promise.all(nodes.map((node) => node.stop()))),
  };
}

async function prepareRuntime(): Promise<KafkaRuntime> {
  const paths = kafkaCachePaths();
  const { java, javaVersionOutput } = preflight(systemProbes(paths.completeMarker));
  await stopStaleBrokers({ runDir: paths.runDir });
  return { java, javaVersionOutput, libsDir: await ensureKafkaJars(paths), paths };
}

async function startNodes(
  runtime: KafkaRuntime,
  specs: readonly KafkaNodeSpec[],
  options: LocalKafkaOptions,
): Promise<RunningKafka[]> {
  const clusterId = newClusterId();
  const heapMb = options.heapMb ?? 512;
  const launches = await Promise.allSettled(
    specs.map((node) =>
      launchNode({ runtime, node, cluster: specs, clusterId, heapMb, dataDir: options.dataDir }),
    ),
  );
  const launched = launches.flatMap((launch) => (launch.status === 'fulfilled' ? [launch.value] : []));
  try {
    const failed = launches.find((launch) => launch.status === 'rejected');
    if (failed) throw failed.reason;
    const brokers = specs.map((node) => `${node.host}:${node.port}`);
    await waitForBrokers({ brokers, nodes: launched, timeoutMs: options.readyTimeoutMs ?? 60_000 });
    return launched.map((node, index) => toRunning(node, [brokers[index] as string]));
  } catch (error) {
    await Promise.all(launched.map((node) => node.stop()));
    throw error;
  }
}

function toRunning(node: LaunchedNode, brokers: string[]): RunningKafka {
  return { brokers, logFile: node.logFile, pid: node.pid, exited: node.exited, stop: () => node.stop() };
}

function portFromEnv(): number | undefined {
  const raw = process.env.KAFKA_PORT;
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new LocalKafkaError(`KAFKA_PORT must be a TCP port number (1-65535), got "${raw}".`);
  }
  return port;
}
