import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { createDynamoClient } from '../../../../lib/dynamodb/dynamoClient';
import { DynamoHeadStore } from '../../../../lib/heads/dynamoHeadStore';
import { DynamoSnapshotStore } from '../../../../lib/snapshots/dynamoSnapshotStore';
import type { PaymentState } from '../../../../functions/payment/domain/paymentState';
import type { AccountView } from '../../../../functions/payment/projection/accountView';
import { localEnvironment, localNames, type LocalNames } from '../../../../infra/local/runtime/localNames';
import { startRuntime } from '../../../../infra/local/runtime/startRuntime';
import { topicConfigs, topics, type TopicKey } from '../../../../infra/topology';
import { uniqueName } from '../../../integration/support/names';
import type { AttemptOutcome } from '../../support/loadGenerator';

export interface AccountSystemOptions {
  readonly kafkaBrokers: readonly string[];
  /** Topic replication; above 1 the topics are created here with min.insync.replicas = RF − 1. */
  readonly replicationFactor?: number;
}

/**
 * The whole local system (HTTP API, command and query functions, projections and reactors behind
 * the MSK event source emulator) on a private broker, seen through the Payment service: deposits
 * are commands with one event each, the account view is the snapshot they fold into. Batching
 * windows, timeouts and retries are the topology's, as deployed.
 */
export async function startAccountSystem(options: AccountSystemOptions) {
  const dynamoEndpoint = process.env.DYNAMODB_ENDPOINT;
  if (!dynamoEndpoint)
    throw new Error('DYNAMODB_ENDPOINT is not set: run through jest (reliability project)');
  const namePrefix = uniqueName('rel');
  const names = localNames(namePrefix);
  const kafka = new Kafka({
    clientId: 'reliability',
    brokers: [...options.kafkaBrokers],
    logLevel: logLevel.NOTHING,
  });
  if ((options.replicationFactor ?? 1) > 1)
    await createReplicatedTopics(kafka, options.kafkaBrokers, names, options.replicationFactor!);
  const logFile = path.join(os.tmpdir(), `${namePrefix}.log`);
  const log = fs.createWriteStream(logFile);
  const write = (line: string) => log.write(`${new Date().toISOString()} ${line}\n`);
  const restoreConsole = captureConsole(write);
  const runtime = await startRuntime({
    kafkaBrokers: options.kafkaBrokers,
    dynamoEndpoint,
    namePrefix,
    log: write,
  }).catch((error: unknown) => {
    restoreConsole();
    throw error;
  });
  const dynamo = createDynamoClient({
    AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
    DYNAMODB_ENDPOINT: dynamoEndpoint,
  });
  const views = new DynamoSnapshotStore<AccountView>({
    client: dynamo,
    tableName: names.table('accountViews'),
  });
  const heads = new DynamoHeadStore<PaymentState>(dynamo, names.table('accountHeads'));

  /** POST /accounts/{id}/deposits with the key as Idempotency-Key and as correlation id. */
  const deposit = async (customerId: string, amount: number, key: string): Promise<AttemptOutcome> => {
    const response = await fetch(`${runtime.url}/accounts/${customerId}/deposits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-correlation-id': key },
      body: JSON.stringify({ amount }),
      // Far above any answer the system should give: a client-side timeout shows up as status 0.
      signal: AbortSignal.timeout(40_000),
    });
    await response.arrayBuffer();
    const retryAfter = response.headers.get('retry-after');
    return { status: response.status, ...(retryAfter ? { retryAfterSeconds: Number(retryAfter) } : {}) };
  };

  return {
    kafka,
    runtime,
    names,
    /** What the runtime gives its functions: another process can run one against the same system. */
    environment: localEnvironment(names, { kafkaBrokers: options.kafkaBrokers, dynamoEndpoint }),
    topic: names.topic('payments'),
    views,
    heads,
    logFile,
    deposit,
    settle: (timeoutMs = 120_000) => runtime.waitUntilIdle(timeoutMs),
    stop: async () => {
      await runtime.stop();
      dynamo.destroy();
      restoreConsole();
      await new Promise((resolve) => log.end(resolve));
    },
  };
}

export type AccountSystem = Awaited<ReturnType<typeof startAccountSystem>>;

// provision() keeps existing topics, so creating them first (same names and configuration, more
// replicas) gives the runtime replicated topics without a local-only option in the runtime.
async function createReplicatedTopics(
  kafka: Kafka,
  brokers: readonly string[],
  names: LocalNames,
  replicas: number,
): Promise<void> {
  const configs = new Map(topicConfigs(replicas).map((config) => [config.topic, config]));
  const minInSync = { name: 'min.insync.replicas', value: String(replicas - 1) };
  const created = (Object.keys(topics) as TopicKey[]).map((key) => {
    const config = configs.get(topics[key].name)!;
    return { ...config, topic: names.topic(key), configEntries: [...config.configEntries, minInSync] };
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: created, waitForLeaders: false });
  } finally {
    await admin.disconnect();
  }
  for (const broker of brokers)
    await untilLeadersKnown(
      broker,
      created.map((topic) => topic.topic),
    );
}

// A fresh cluster's brokers learn of new topics one after the other, and kafkajs's waitForLeaders gives
// up on the first UNKNOWN_TOPIC_OR_PARTITION: ask every broker until it knows every partition's leader.
async function untilLeadersKnown(broker: string, topicNames: string[]): Promise<void> {
  const admin = new Kafka({ brokers: [broker], logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
  await admin.connect();
  try {
    for (const deadline = Date.now() + 30_000; ; await sleep(100)) {
      const known = await admin.fetchTopicMetadata({ topics: topicNames }).then(
        (metadata) =>
          metadata.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)),
        () => false,
      );
      if (known) return;
      if (Date.now() > deadline)
        throw new Error(`${broker} does not know the leaders of ${topicNames.join(', ')}`);
    }
  } finally {
    await admin.disconnect();
  }
}

// The functions log a JSON line per batch and request through console (CloudWatch on AWS), and
// kafkajs logs every reconnect: thousands of lines under a fault. They go to the run's log file.
function captureConsole(write: (line: string) => void): () => void {
  const methods = ['log', 'info', 'warn', 'error'] as const;
  const originals = methods.map((method) => console[method]);
  for (const method of methods) {
    console[method] = (...args: unknown[]) =>
      write(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
  }
  return () => methods.forEach((method, index) => (console[method] = originals[index]!));
}
