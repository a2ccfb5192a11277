import { Partitioners, type Admin, type Producer } from 'kafkajs';
import { startConsumerFeed } from './consumerFeed';
import { Dispatcher } from './dispatcher';
import type { MskEventSourceStats } from './invocation';
import { waitForIdle } from './lag';
import { LogBounds } from './logBounds';
import { resolveOptions, type MskEventSourceOptions, type ResolvedOptions } from './options';
import { RecordBuffer } from './recordBuffer';

/** A running emulated event source mapping. */
export interface MskEventSource {
  /** Lets the invocation in flight end (committing it if it succeeded), then leaves the group. Idempotent. */
  stop(): Promise<void>;
  /**
   * Resolves once the group's committed offset has reached the last stable offset of every partition
   * of its topics and no invocation is in flight; rejects after `timeoutMs` (default 30 s) with the
   * lag of each partition still behind.
   */
  waitUntilIdle(options?: { timeoutMs?: number }): Promise<void>;
  stats(): MskEventSourceStats;
}

// The broker answers a fetch as soon as there is a byte to return, or after this long with none.
// The batching window is applied by the emulator, from the first record's arrival as AWS measures
// it; a short long-poll keeps stop() (which waits for the fetch under way) quick.
const FETCH_MAX_WAIT_MS = 100;

/**
 * Runs a Lambda handler the way an MSK event source mapping would, against a real Kafka cluster:
 * its own consumer group, read_committed, batches by size and window, whole-batch retries (with
 * optional bisection), an on-failure topic, and offsets committed only after a batch succeeded.
 * Resolves once the consumer has joined its group. Meant for one running instance per group.
 *
 * @example
 * const source = await startMskEventSource({
 *   kafka, functionName: 'orderSummary', topics: ['orders'], consumerGroupId: 'order-summary',
 *   startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 3, onFailureTopic: 'orders-dlt', handler,
 * });
 * await source.waitUntilIdle();
 * await source.stop();
 */
export async function startMskEventSource(input: MskEventSourceOptions): Promise<MskEventSource> {
  const options = resolveOptions(input);
  const { kafka } = options;
  const admin = kafka.admin();
  const buffer = new RecordBuffer();
  const dispatcher: Dispatcher = new Dispatcher({
    options,
    buffer,
    commit: (offsets) => consumer.commitOffsets(offsets),
    sendToFailureTopic: (messages) => sendAll(producer, options.onFailureTopic, messages),
  });
  const consumer = kafka.consumer({
    groupId: options.consumerGroupId,
    readUncommitted: false,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
    // kafkajs's consumer default is 5 retries; restarting after a crash while stopping would
    // race the disconnect and keep a group member alive.
    retry: { retries: 5, restartOnFailure: () => Promise.resolve(!dispatcher.isStopping) },
  });
  const producer = options.onFailureTopic
    ? kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner })
    : undefined;
  let bounds: LogBounds | undefined;
  const close = async () => {
    await consumer.disconnect();
    await Promise.allSettled([producer?.disconnect(), bounds?.close()]);
    await admin.disconnect();
  };
  try {
    await admin.connect();
    bounds = await LogBounds.open(kafka, admin);
    await producer?.connect();
    await startConsumerFeed({ options, admin, bounds, consumer, buffer, dispatcher });
    dispatcher.start();
    return running(dispatcher, admin, bounds, options, close);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

function running(
  dispatcher: Dispatcher,
  admin: Admin,
  bounds: LogBounds,
  options: ResolvedOptions,
  close: () => Promise<void>,
): MskEventSource {
  let stopped: Promise<void> | undefined;
  const probe = {
    admin,
    bounds,
    groupId: options.consumerGroupId,
    topics: options.topics,
    busy: () => dispatcher.busy,
  };
  return {
    stop: () => (stopped ??= dispatcher.stop().then(close)),
    waitUntilIdle: async ({ timeoutMs = 30_000 } = {}) => {
      if (stopped) throw new Error(`${options.functionName}: the event source is stopped`);
      await waitForIdle(probe, timeoutMs);
    },
    stats: () => ({ ...dispatcher.stats }),
  };
}

async function sendAll(
  producer: Producer | undefined,
  topic: string | undefined,
  messages: Parameters<Producer['send']>[0]['messages'],
): Promise<void> {
  if (!producer || !topic) throw new Error('no on-failure topic is configured');
  await producer.send({ topic, messages, acks: -1 });
}
