import type { Kafka } from 'kafkajs';
import { AGGREGATE_TYPES } from '../../../infra/cli/aggregateTypes';
import { verifyTypes } from '../../../infra/cli/verify';
import type { DomainEvent } from '../../../lib/domain/decider';
import type { EventCatalog } from '../../../lib/envelope/eventCatalog';
import { createEventHistory } from '../../../lib/history/eventHistory';
import { createIndexHandler } from '../../../lib/history/indexHandler';
import { InMemoryEventIndex } from '../../../lib/history/inMemoryEventIndex';
import { KafkaLogReader } from '../../../lib/history/kafkaLogReader';
import { startMskEventSource } from '../../../lib/local/mskEventSource';
import type { VerifySources } from '../../../lib/verify/verifyAggregate';
import { verifyAll } from '../../../lib/verify/verifyAll';
import { uniqueName } from '../../integration/support/names';

/** What `kes verify` found: how much it checked, and each disagreement with the log, named. */
export interface VerifySummary {
  readonly aggregates: number;
  readonly events: number;
  /** Aggregates whose head holds events not yet in the log (not checked; not a mismatch). */
  readonly pending: number;
  readonly mismatches: string[];
}

/**
 * `kes verify` in-process, on the system this test file runs (the platform's stores and history read
 * the variables the local runtime set): every aggregate of every type folded from the log and
 * compared with its head, entities and read model. Call it once the system is idle.
 *
 * @example
 * expect((await verifySystem()).mismatches).toEqual([]);
 */
export async function verifySystem(): Promise<VerifySummary> {
  const reports = await verifyTypes(AGGREGATE_TYPES);
  const sum = (field: 'aggregates' | 'events' | 'pending') =>
    reports.reduce((total, { report }) => total + report[field], 0);
  return {
    aggregates: sum('aggregates'),
    events: sum('events'),
    pending: sum('pending'),
    mismatches: reports.flatMap(({ type, report }) =>
      report.mismatches.map((m) => `${type} ${m.aggregateId} ${m.where}: ${m.detail}`),
    ),
  };
}

/** Verifies until nothing disagrees (read models catching up) or `timeoutMs` passes; the last summary and when. */
export async function verifyUntilConverged(
  timeoutMs: number,
  pauseMs = 1_000,
): Promise<VerifySummary & { seconds: number }> {
  const started = Date.now();
  for (;;) {
    const summary = await verifySystem();
    const seconds = (Date.now() - started) / 1000;
    if ((summary.mismatches.length === 0 && summary.pending === 0) || Date.now() - started > timeoutMs)
      return { ...summary, seconds };
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/** The verify cell of a result row. */
export function verifyCell(summary: VerifySummary): {
  aggregates: number;
  events: number;
  mismatches: number;
} {
  return { aggregates: summary.aggregates, events: summary.events, mismatches: summary.mismatches.length };
}

/**
 * `kes verify` for a scenario that runs its own pipeline on one topic (no event index of its own):
 * the real index handler indexes the topic into memory behind the MSK event source emulator, and
 * the aggregates are read back from Kafka by offset as the deployed history reads them.
 *
 * @example
 * const summary = await verifyTopic({ kafka, topic, catalog: tallyCatalog, decider: tallyDecider, heads, projection, views });
 */
export async function verifyTopic<Command, Event extends DomainEvent, State, Doc>(
  options: Omit<VerifySources<Command, Event, State, Doc>, 'history'> & {
    readonly kafka: Kafka;
    readonly topic: string;
    readonly catalog: EventCatalog<Event>;
    /** The aggregates to check (default: every head). */
    readonly ids?: Iterable<string> | AsyncIterable<string>;
  },
): Promise<VerifySummary> {
  const index = new InMemoryEventIndex();
  const indexer = await startMskEventSource({
    kafka: options.kafka,
    functionName: 'verify-index',
    topics: [options.topic],
    consumerGroupId: uniqueName('verify-index'),
    batchSize: 100,
    maximumBatchingWindowSeconds: 0,
    startingPosition: 'TRIM_HORIZON',
    handler: createIndexHandler({ index, log: () => undefined }),
    log: () => undefined,
  });
  const reader = new KafkaLogReader({ kafka: options.kafka });
  try {
    await indexer.waitUntilIdle({ timeoutMs: 60_000 });
    const history = createEventHistory({ index, reader, catalog: options.catalog });
    const report = await verifyAll({ ...options, history }, options.ids ?? options.heads.ids());
    return {
      aggregates: report.aggregates,
      events: report.events,
      pending: report.pending,
      mismatches: report.mismatches.map((m) => `${m.aggregateId} ${m.where}: ${m.detail}`),
    };
  } finally {
    await indexer.stop();
    await reader.close();
  }
}
