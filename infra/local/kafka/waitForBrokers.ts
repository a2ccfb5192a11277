import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { LocalKafkaError } from './errors';
import type { LaunchedNode } from './launchNode';
import { tailLines } from './runCommand';

/** Input of {@link waitForBrokers}. */
export type WaitForBrokersInput = {
  readonly brokers: readonly string[];
  readonly nodes: readonly LaunchedNode[];
  readonly timeoutMs: number;
};

/**
 * Polls until the cluster really serves clients: an admin client connects, `describeCluster` lists every
 * broker (in KRaft a broker answers only once it has caught up with the metadata log and is unfenced),
 * and a metadata request succeeds. Backs off from 50 ms to 100 ms (refused connects are cheap); fails fast with the log tail if a JVM
 * exits, or after `timeoutMs`.
 */
export async function waitForBrokers({ brokers, nodes, timeoutMs }: WaitForBrokersInput): Promise<void> {
  // Retries 0 and short timeouts: the loop below is the retry policy; kafkajs's own would hide exits.
  const kafka = new Kafka({
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
  });
  const firstExit = Promise.race(nodes.map((node) => node.exited.then((how) => ({ node, how }))));
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; Date.now() < deadline; delay = Math.min(delay * 2, 100)) {
    const outcome = await Promise.race([probe(kafka, nodes.length), firstExit]);
    if (outcome === true) return;
    if (outcome !== false) {
      throw new LocalKafkaError(
        `The Kafka broker exited (${outcome.how}) before it was ready. ` +
          `Last lines of ${outcome.node.logFile}:\n${logTail(outcome.node.logFile)}`,
      );
    }
    await sleep(delay);
  }
  const logFile = nodes[0]?.logFile ?? '';
  throw new LocalKafkaError(
    `The Kafka broker did not become ready within ${Math.round(timeoutMs / 1000)} s. ` +
      `Last lines of ${logFile}:\n${logTail(logFile)}`,
  );
}

async function probe(kafka: Kafka, expectedBrokers: number): Promise<boolean> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length < expectedBrokers) return false;
    await admin.fetchTopicMetadata();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function logTail(logFile: string): string {
  try {
    return tailLines(fs.readFileSync(logFile, 'utf8'), 40);
  } catch {
    return '(log file unreadable)';
  }
}
