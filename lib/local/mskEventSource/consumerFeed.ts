import type { Admin, Consumer, EachBatchPayload } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { superviseCrashes } from './crashSupervisor';
import type { Dispatcher } from './dispatcher';
import { logEntry, messageOf } from './invocation';
import type { LogBounds } from './logBounds';
import { prepared } from './mskEvent';
import type { ResolvedOptions } from './options';
import type { PartitionOffset, RecordBuffer } from './recordBuffer';

export interface ConsumerFeedParts {
  readonly options: ResolvedOptions;
  readonly admin: Admin;
  readonly bounds: LogBounds;
  readonly consumer: Consumer;
  readonly buffer: RecordBuffer;
  readonly dispatcher: Dispatcher;
}

/**
 * Subscribes the consumer and runs it so that every fetched batch lands in the buffer. kafkajs
 * never commits here (autoCommit off): the dispatcher commits after the function succeeded.
 * Resolves once the consumer has joined its group.
 */
export async function startConsumerFeed(parts: ConsumerFeedParts): Promise<void> {
  const { options, consumer, buffer, dispatcher } = parts;
  const startAt = await startingOffsets(parts);
  const { GROUP_JOIN, END_BATCH_PROCESS, CRASH } = consumer.events;
  consumer.on(GROUP_JOIN, ({ payload }) => {
    logEntry(options, { outcome: 'joined', memberAssignment: payload.memberAssignment });
    dispatcher.forgetCommits();
    // A new group starts where the starting position pointed when the mapping was created; seeking
    // there, and committing it right away, keeps LATEST from drifting while kafkajs joins.
    for (const { topic, partition, offset } of startAt.splice(0)) {
      consumer.seek({ topic, partition, offset });
      buffer.advance(topic, partition, (BigInt(offset) - 1n).toString());
    }
  });
  // kafkajs calls no eachBatch for a fetch of only control records or aborted ones; this event
  // still says how far such a fetch reached, so the commit can move past it.
  consumer.on(END_BATCH_PROCESS, ({ payload }) => {
    if (BigInt(payload.lastOffset) >= 0n)
      buffer.advance(payload.topic, payload.partition, payload.lastOffset);
  });
  consumer.on(CRASH, ({ payload }) => {
    logEntry(options, {
      outcome: 'consumer-crash',
      restart: payload.restart,
      error: messageOf(payload.error),
    });
  });
  const run = () => consumer.run({ autoCommit: false, eachBatch: (payload) => acceptBatch(payload, parts) });
  superviseCrashes({
    consumer,
    rerun: run,
    isStopping: () => dispatcher.isStopping,
    log: (entry) => logEntry(options, entry),
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
  await run();
}

// Hands the batch to the buffer, then holds kafkajs's fetch loop (heartbeating) while a full batch
// is already waiting, so memory stays bounded when the function is slow or failing. kafkajs then
// resolves the batch's last offset: with autoCommit off that only moves its fetch position.
async function acceptBatch(payload: EachBatchPayload, parts: ConsumerFeedParts): Promise<void> {
  const { batch } = payload;
  const { options, buffer, dispatcher } = parts;
  const { topic, partition } = batch;
  const records = batch.messages.map(({ offset, timestamp, key, value, headers }) =>
    prepared({ topic, partition, offset, timestamp, key, value, headers: headers ?? {} }),
  );
  buffer.add(topic, partition, records, batch.lastOffset());
  while (buffer.size >= options.batchSize && payload.isRunning() && !dispatcher.isStopping) {
    await buffer.changed(1000);
    await payload.heartbeat();
  }
}

/** The starting position of each partition the group has no committed offset for. */
async function startingOffsets({ options, admin, bounds }: ConsumerFeedParts): Promise<PartitionOffset[]> {
  const committed = await retryRetriable(() =>
    admin.fetchOffsets({ groupId: options.consumerGroupId, topics: [...options.topics] }),
  );
  const fresh = new Set(
    committed.flatMap(({ topic, partitions }) =>
      partitions.filter((p) => BigInt(p.offset) < 0n).map((p) => `${topic}-${p.partition}`),
    ),
  );
  const partitions = await bounds.read(options.topics);
  return partitions
    .filter(({ topic, partition }) => fresh.has(`${topic}-${partition}`))
    .map(({ topic, partition, low, stable }) => ({
      topic,
      partition,
      offset: options.startingPosition === 'LATEST' ? stable : low,
    }));
}

// kafkajs's admin does not retry OffsetFetch: on a fresh broker the first group call meets
// NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS while __consumer_offsets is being created.
async function retryRetriable<T>(call: () => Promise<T>, attempts = 30): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const retriable = (error as { retriable?: unknown }).retriable === true;
      if (!retriable || attempt >= attempts) throw error;
      await sleep(Math.min(50 * attempt, 500));
    }
  }
}
