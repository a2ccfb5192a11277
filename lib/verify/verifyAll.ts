import { HistoryIncompleteError } from '../history/eventHistory';
import type { DomainEvent } from '../domain/decider';
import { mapWithConcurrency } from '../projections/mapWithConcurrency';
import { verifyAggregate, type Mismatch, type VerifySources } from './verifyAggregate';

export interface VerifyReport {
  readonly aggregates: number;
  readonly events: number;
  /** Aggregates whose head has events the log does not hold yet (unpublished outbox). */
  readonly pending: number;
  readonly mismatches: Mismatch[];
  readonly seconds: number;
}

/**
 * {@link verifyAggregate} for every id, a few at a time; a failure to read an aggregate is itself a
 * mismatch, so nothing is skipped silently.
 *
 * @example
 * const report = await verifyAll(sources, heads.ids());
 * if (report.mismatches.length > 0) process.exitCode = 1;
 */
export async function verifyAll<Command, Event extends DomainEvent, State, Doc>(
  sources: VerifySources<Command, Event, State, Doc>,
  ids: AsyncIterable<string> | Iterable<string>,
  concurrency = 8,
): Promise<VerifyReport> {
  const started = Date.now();
  const all: string[] = [];
  for await (const id of ids) all.push(id);
  const outcomes = await mapWithConcurrency(all, concurrency, (id) => verifyAggregate(sources, id));
  let events = 0;
  let pending = 0;
  const mismatches: Mismatch[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'rejected') {
      mismatches.push({
        aggregateId: all[index]!,
        where: 'log',
        detail: `could not be read: ${String(outcome.reason)}${reasonOf(outcome.reason)}`,
      });
      return;
    }
    events += outcome.value.events;
    if (outcome.value.pending) pending += 1;
    mismatches.push(...outcome.value.mismatches);
  });
  return { aggregates: all.length, events, pending, mismatches, seconds: (Date.now() - started) / 1000 };
}

/** The operator's detail of a history that could not be read (e.g. which position held what). */
function reasonOf(error: unknown): string {
  return error instanceof HistoryIncompleteError ? ` (${error.reason})` : '';
}
