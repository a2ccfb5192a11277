import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '../../../infra/local/kafka/freePort';
import {
  startLocalKafka,
  startLocalKafkaCluster,
  type RunningKafka,
} from '../../../infra/local/kafka/localKafka';
import { signalGroup, terminateProcessGroup } from '../../../infra/local/kafka/processControl';

/**
 * A private broker a scenario may crash, stop, freeze and restart. Never the shared test broker:
 * faults here would break every other test using it.
 */
export interface ControlledBroker {
  readonly brokers: string[];
  /** The current JVM's pid (changes on restart). */
  pid(): number;
  /** SIGKILL: no shutdown hooks, no flush; resolves once the JVM is gone. */
  kill(): Promise<void>;
  /** SIGTERM: a controlled shutdown; resolves once the JVM is gone. */
  terminate(): Promise<void>;
  /** SIGSTOP: the process stays, sockets stay open, nothing answers. */
  pause(): void;
  /** SIGCONT after {@link pause}; nothing once the broker was stopped (a late timer is harmless). */
  resume(): void;
  /** Starts a new JVM on the same storage and port; resolves with the milliseconds until it served clients. */
  restart(): Promise<number>;
  /** Stops whatever runs (resuming a frozen JVM first) and deletes the storage. Idempotent. */
  stop(): Promise<void>;
}

// Everything started by this test file, so an afterAll can stop it whatever the test did.
const started = new Set<{ stop(): Promise<void> }>();

/** Stops every broker and cluster this test file started and has not stopped yet. */
export async function stopAllBrokers(): Promise<void> {
  await Promise.allSettled([...started].map((entry) => entry.stop()));
}

/** One broker on a fixed port and a kept data dir, so it can be restarted on its own log. */
export async function startControlledBroker(options: { heapMb?: number } = {}): Promise<ControlledBroker> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-kafka-'));
  const [port] = await freePorts(1);
  if (!port) throw new Error('no free port');
  const launch = () => startLocalKafka({ port, dataDir, heapMb: options.heapMb ?? 512 });
  let current: RunningKafka | undefined;
  let paused = false;
  const entry = {
    stop: async () => {
      started.delete(entry);
      if (current) await stopRunning(current, paused);
      current = undefined;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  started.add(entry);
  try {
    current = await launch();
  } catch (error) {
    await entry.stop();
    throw error;
  }
  const running = () => {
    if (!current) throw new Error('the broker is not running');
    return current;
  };
  const end = async (signal: 'SIGKILL' | 'SIGTERM') => {
    const node = running();
    if (paused) signalGroup(node.pid, 'SIGCONT');
    paused = false;
    if (signal === 'SIGKILL') signalGroup(node.pid, signal);
    // A controlled shutdown gets 30 s, then SIGKILL, so a stuck broker cannot hang the scenario.
    else await terminateProcessGroup(node.pid, { exited: node.exited, graceMs: 30_000 });
    await exitOf(node);
    await node.stop(); // forgets its run record; the data dir is ours and stays
    current = undefined;
  };
  return {
    brokers: [`127.0.0.1:${port}`],
    pid: () => running().pid,
    kill: () => end('SIGKILL'),
    terminate: () => end('SIGTERM'),
    pause: () => {
      signalGroup(running().pid, 'SIGSTOP');
      paused = true;
    },
    resume: () => {
      if (current) signalGroup(current.pid, 'SIGCONT');
      paused = false;
    },
    restart: async () => {
      if (current) throw new Error('the broker is still running');
      const begun = Date.now();
      current = await launch();
      return Date.now() - begun;
    },
    stop: entry.stop,
  };
}

/** A KRaft cluster of combined nodes whose members can be killed one by one. */
export interface ControlledCluster {
  readonly brokers: string[];
  readonly nodes: readonly RunningKafka[];
  /** SIGKILL node `index` (0-based); resolves once its JVM is gone. */
  kill(index: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startControlledCluster(
  options: { nodes?: number; heapMb?: number } = {},
): Promise<ControlledCluster> {
  // startLocalKafkaCluster stops the nodes it launched if the cluster does not come up.
  const cluster = await startLocalKafkaCluster({ nodes: options.nodes ?? 3, heapMb: options.heapMb ?? 384 });
  const entry = {
    stop: async () => {
      started.delete(entry);
      await cluster.stop();
    },
  };
  started.add(entry);
  return {
    brokers: cluster.brokers,
    nodes: cluster.nodes,
    kill: async (index) => {
      const node = cluster.nodes[index];
      if (!node) throw new Error(`no node ${index}`);
      signalGroup(node.pid, 'SIGKILL');
      await exitOf(node);
    },
    stop: entry.stop,
  };
}

async function stopRunning(node: RunningKafka, paused: boolean): Promise<void> {
  // A stopped process keeps SIGTERM pending: wake it, or stop() would wait for its SIGKILL fallback.
  if (paused) signalGroup(node.pid, 'SIGCONT');
  await node.stop();
}

// The broker's child process is unref'd: a ref'd timer keeps Node alive while we wait for its exit.
async function exitOf(node: RunningKafka): Promise<string> {
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    return await node.exited;
  } finally {
    clearInterval(keepAlive);
  }
}
