import type { Message } from 'kafkajs';
import type { ConsumedKafkaRecord } from '../../kafka/mskRecord';
import { failureMessages } from './failureRecord';
import { functionArn, lambdaContext } from './lambdaContext';
import { toMskEvent } from './mskEvent';
import type { ResolvedOptions } from './options';
import { defaultBackoffMs, type InvocationResult, type Segment } from './runWithRetries';

/** Counters since the emulator started. */
export interface MskEventSourceStats {
  /** Handler calls, retries included. */
  invocations: number;
  failedInvocations: number;
  /** Records of invocations that succeeded. */
  records: number;
  /** Records whose batch was written to the on-failure topic. */
  sentToFailureTopic: number;
}

/** Writes one structured entry through the options' `log`. */
export function logEntry(options: ResolvedOptions, entry: object): void {
  options.log({ source: 'mskEventSource', functionName: options.functionName, ...entry });
}

/**
 * Calls the handler once with the MSK event of `records` and a fresh Lambda context, and logs
 * the invocation (size, partition ranges, duration, outcome). Never throws.
 */
export async function invokeHandler(
  options: ResolvedOptions,
  stats: MskEventSourceStats,
  records: readonly ConsumedKafkaRecord[],
): Promise<InvocationResult> {
  const context = lambdaContext({
    functionName: options.functionName,
    clusterArn: options.clusterArn,
    timeoutSeconds: options.functionTimeoutSeconds,
  });
  const started = Date.now();
  const entry = {
    requestId: context.awsRequestId,
    batchSize: records.length,
    partitions: offsetRanges(records),
  };
  stats.invocations += 1;
  try {
    await options.handler(toMskEvent(records, options), context);
    logEntry(options, { ...entry, durationMs: Date.now() - started, outcome: 'succeeded' });
    return { ok: true };
  } catch (error) {
    stats.failedInvocations += 1;
    logEntry(options, {
      ...entry,
      durationMs: Date.now() - started,
      outcome: 'failed',
      error: messageOf(error),
    });
    return { ok: false, error, requestId: context.awsRequestId };
  }
}

export interface DeadLetterDependencies {
  readonly options: ResolvedOptions;
  readonly stats: MskEventSourceStats;
  readonly send: (messages: Message[]) => Promise<void>;
  readonly stopping: () => boolean;
  readonly pause: (ms: number) => Promise<void>;
}

/**
 * Disposes of a batch whose retries ran out: written to the on-failure topic, or, without one,
 * dropped with a log entry (AWS discards it too). A failing write is retried until it works, so
 * the batch is never committed unrecorded; returns false if the emulator stopped first.
 */
export async function deadLetter(
  deps: DeadLetterDependencies,
  segment: Segment<ConsumedKafkaRecord>,
): Promise<boolean> {
  const { options, stats } = deps;
  const entry = { batchSize: segment.records.length, partitions: offsetRanges(segment.records) };
  if (!options.onFailureTopic) {
    logEntry(options, {
      ...entry,
      attempts: segment.attempts,
      outcome: 'discarded',
      error: messageOf(segment.error),
    });
    return true;
  }
  const messages = failureMessages({
    ...options,
    functionArn: functionArn(options.functionName, options.clusterArn),
    records: segment.records,
    error: segment.error,
    attempts: segment.attempts,
    requestId: segment.requestId,
  });
  for (let attempt = 1; !deps.stopping(); attempt += 1) {
    try {
      await deps.send(messages);
      stats.sentToFailureTopic += segment.records.length;
      logEntry(options, { ...entry, outcome: 'sent-to-failure-topic', topic: options.onFailureTopic });
      return true;
    } catch (error) {
      logEntry(options, { ...entry, outcome: 'failure-topic-error', error: messageOf(error) });
      await deps.pause(defaultBackoffMs(attempt));
    }
  }
  return false;
}

/** `{ "<topic>-<partition>": "<first>..<last>" }` for log entries. */
export function offsetRanges(records: readonly ConsumedKafkaRecord[]): Record<string, string> {
  const byPartition = new Map<string, [string, string]>();
  for (const { topic, partition, offset } of records) {
    const key = `${topic}-${partition}`;
    byPartition.set(key, [byPartition.get(key)?.[0] ?? offset, offset]);
  }
  return Object.fromEntries([...byPartition].map(([key, [first, last]]) => [key, `${first}..${last}`]));
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
