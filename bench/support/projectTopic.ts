import type { MSKEvent } from 'aws-lambda';
import type { Kafka } from 'kafkajs';
import { startMskEventSource } from '../../lib/local/mskEventSource';
import { nowMs } from '../stats';

export interface ProjectTopicOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly groupId: string;
  readonly batchSize: number;
  /** Records to wait for. */
  readonly records: number;
  readonly handler: (event: MSKEvent) => Promise<unknown>;
  /** Aggregates whose batch appearances are counted (the lower bound of coalesced writes). */
  readonly watched?: ReadonlySet<string>;
  readonly timeoutMs?: number;
}

export interface ProjectTopicResult {
  /** From the group join to the last record handled. */
  readonly ms: number;
  readonly invocations: number;
  /** Time spent inside the handler. */
  readonly handlerMs: number;
  /** Σ over batches of distinct watched aggregates in the batch: the fewest writes possible for them. */
  readonly watchedBatchAppearances: number;
}

function batchAggregates(event: MSKEvent, watched: ReadonlySet<string>): number {
  const seen = new Set<string>();
  for (const records of Object.values(event.records)) {
    for (const record of records) {
      const key = Buffer.from(record.key, 'base64').toString('utf8');
      if (watched.has(key)) seen.add(key);
    }
  }
  return seen.size;
}

/**
 * Runs `handler` behind the MSK event source emulator (a new consumer group from TRIM_HORIZON, no
 * retries) until `records` records were handled, and stops it.
 */
export async function projectTopic(options: ProjectTopicOptions): Promise<ProjectTopicResult> {
  let handled = 0;
  let invocations = 0;
  let handlerMs = 0;
  let appearances = 0;
  let joinedAt: number | undefined;
  let done: () => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    done = resolve;
    failed = reject;
  });
  const source = await startMskEventSource({
    kafka: options.kafka,
    functionName: options.groupId,
    topics: [options.topic],
    consumerGroupId: options.groupId,
    batchSize: options.batchSize,
    maximumBatchingWindowSeconds: 1,
    startingPosition: 'TRIM_HORIZON',
    maximumRetryAttempts: 0,
    log: (entry) => {
      if ((entry as { outcome?: string }).outcome === 'joined') joinedAt ??= nowMs();
      if ((entry as { outcome?: string }).outcome === 'failed') failed(new Error(JSON.stringify(entry)));
    },
    handler: async (event) => {
      const started = nowMs();
      await options.handler(event);
      handlerMs += nowMs() - started;
      invocations += 1;
      if (options.watched) appearances += batchAggregates(event, options.watched);
      for (const records of Object.values(event.records)) handled += records.length;
      if (handled >= options.records) done();
    },
  });
  const startedAt = joinedAt ?? nowMs();
  const timer = setTimeout(
    () => failed(new Error(`${options.groupId}: ${handled}/${options.records} after timeout`)),
    options.timeoutMs ?? 600_000,
  );
  try {
    await finished;
  } finally {
    clearTimeout(timer);
    await source.stop();
  }
  return {
    ms: nowMs() - (joinedAt ?? startedAt),
    invocations,
    handlerMs,
    watchedBatchAppearances: appearances,
  };
}
