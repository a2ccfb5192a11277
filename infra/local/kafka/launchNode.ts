import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KafkaNodeSpec } from './brokerConfig';
import { brokerProperties, formattedClusterId, renderProperties } from './brokerConfig';
import type { KafkaCachePaths } from './cachePaths';
import { classDataArchive, discardRejectedArchive } from './classDataArchive';
import { LocalKafkaError } from './errors';
import { cleanUpOnExit } from './exitCleanup';
import { classpath, jvmArgs } from './jvmArgs';
import { signalGroup, terminateProcessGroup } from './processControl';
import type { BrokerRecord } from './processRegistry';
import { forgetBroker, recordBroker } from './processRegistry';
import { runCommand, tailLines } from './runCommand';

/** A machine that passed preflight and has the jars: everything needed to launch nodes. */
export type KafkaRuntime = {
  readonly java: string;
  readonly javaVersionOutput: string;
  readonly libsDir: string;
  readonly paths: KafkaCachePaths;
};

/** Input of {@link launchNode}. */
export type LaunchNodeInput = {
  readonly runtime: KafkaRuntime;
  readonly node: KafkaNodeSpec;
  readonly cluster: readonly KafkaNodeSpec[];
  readonly clusterId: string;
  /** Caller-owned data dir, kept on stop; a fresh temp dir (deleted on stop) when absent. */
  readonly dataDir?: string;
  readonly heapMb: number;
};

/** A started (not necessarily ready) broker JVM. */
export type LaunchedNode = {
  readonly pid: number;
  readonly logFile: string;
  /** Resolves, with how it ended (e.g. `exit code 1`), when the JVM exits for whatever reason. */
  readonly exited: Promise<string>;
  /** SIGTERM, wait up to 15 s, SIGKILL; then deletes the temp data dir. Idempotent. */
  stop(): Promise<void>;
};

/** Writes the node's config, formats its storage and spawns the broker detached, logging to a file. */
export async function launchNode(input: LaunchNodeInput): Promise<LaunchedNode> {
  const dataDir = input.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-'));
  const tempDataDir = input.dataDir ? undefined : dataDir;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const config = path.join(dataDir, 'server.properties');
    const logDir = path.join(dataDir, 'kraft');
    fs.writeFileSync(config, renderProperties(brokerProperties({ ...input, logDir })));
    await formatStorage({ ...input, clusterId: existingClusterId(logDir) ?? input.clusterId }, config);
    return await spawnBroker(input, config, tempDataDir);
  } catch (error) {
    if (tempDataDir) fs.rmSync(tempDataDir, { recursive: true, force: true });
    throw error;
  }
}

// A caller-owned data dir from an earlier run (e.g. a broker restarted on its storage) keeps its id.
function existingClusterId(logDir: string): string | undefined {
  const meta = path.join(logDir, 'meta.properties');
  return fs.existsSync(meta) ? formattedClusterId(fs.readFileSync(meta, 'utf8')) : undefined;
}

async function formatStorage({ runtime, clusterId }: LaunchNodeInput, config: string): Promise<void> {
  const cds = classDataArchive(runtime.paths.versionDir, runtime.javaVersionOutput, false);
  const args = [...jvmArgs(256), ...cds.flags, '-cp', classpath(runtime.libsDir), 'kafka.tools.StorageTool'];
  // --ignore-formatted: a caller-provided data dir from an earlier run keeps its cluster id and data.
  const result = await runCommand(runtime.java, [
    ...args,
    'format',
    '-t',
    clusterId,
    '-c',
    config,
    '--ignore-formatted',
  ]);
  discardRejectedArchive(cds.flags, result.output);
  if (result.code !== 0) {
    throw new LocalKafkaError(
      `Kafka StorageTool format failed (exit ${result.code}):\n${tailLines(result.output)}`,
    );
  }
}

async function spawnBroker(
  input: LaunchNodeInput,
  config: string,
  tempDataDir?: string,
): Promise<LaunchedNode> {
  const { runtime, node } = input;
  const logFile = path.join(runtime.paths.logsDir, `broker-${node.nodeId}-${node.port}.log`);
  pruneOldLogs(runtime.paths.logsDir);
  const cds = classDataArchive(runtime.paths.versionDir, runtime.javaVersionOutput, true);
  const logFd = fs.openSync(logFile, 'w');
  const args = [
    ...jvmArgs(input.heapMb),
    ...cds.flags,
    '-cp',
    classpath(runtime.libsDir),
    'kafka.Kafka',
    config,
  ];
  // Own process group: Ctrl-C in the terminal reaches only Node, which then stops the broker in order.
  const child = spawn(runtime.java, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    cwd: runtime.paths.logsDir,
  });
  fs.closeSync(logFd);
  let exitedHow: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`));
    child.once('error', (error) => resolve(`error: ${error.message}`));
  }).then((how) => (exitedHow = how));
  if (child.pid === undefined) throw new LocalKafkaError(`Could not start ${runtime.java}: ${await exited}`);
  child.unref(); // a forgotten broker must not keep Node alive; the exit hook below stops it
  const record: BrokerRecord = {
    pid: child.pid,
    ownerPid: process.pid,
    port: node.port,
    logFile,
    tempDataDir,
  };
  recordBroker(runtime.paths.runDir, record);
  const cancelExitCleanup = cleanUpOnExit(record.pid, () => {
    signalGroup(record.pid, 'SIGKILL');
    forgetBroker(runtime.paths.runDir, record);
  });
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    await terminateProcessGroup(record.pid, { exited });
    // A SIGKILLed JVM may have written half an archive; only a clean exit records a usable one.
    cds.finish(exitedHow !== undefined && exitedHow !== 'signal SIGKILL');
    forgetBroker(runtime.paths.runDir, record);
    cancelExitCleanup();
  };
  return { pid: record.pid, logFile, exited, stop: () => (stopping ??= stop()) };
}

const LOG_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

function pruneOldLogs(logsDir: string): void {
  fs.mkdirSync(logsDir, { recursive: true });
  for (const name of fs.readdirSync(logsDir)) {
    const file = path.join(logsDir, name);
    if (name.endsWith('.log') && Date.now() - fs.statSync(file).mtimeMs > LOG_RETENTION_MS) fs.rmSync(file);
  }
}
