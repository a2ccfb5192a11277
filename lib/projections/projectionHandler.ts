import type { MSKEvent } from 'aws-lambda';
import type { DeadLetter, DeadLetterSink } from '../deadLetter/deadLetterSink';
import type { DomainEvent } from '../domain/decider';
import { mskRecordsInOrder } from '../kafka/mskRecord';
import type { Snapshot, SnapshotStore } from '../snapshots/snapshotStore';
import { correlationIdsOf, decodeBatch } from './decodeBatch';
import { foldAggregate, type AggregateFold } from './foldAggregate';
import { mapWithConcurrency } from './mapWithConcurrency';
import type { Projection, ProjectionBatchResult } from './projection';
import type { EventHistory } from '../history/eventHistory';
import {
  ProjectionBatchError,
  gapProblems,
  markProblems,
  writeProblems,
  type AggregateProblem,
} from './projectionBatchError';
import { PARKED_REDRIVE_SOURCE, planParking, type ParkingPlan } from './parking';
import { repairGaps } from './repairGaps';

export interface ProjectionHandlerOptions<Doc, Event extends DomainEvent> {
  readonly projection: Projection<Doc, Event>;
  readonly store: SnapshotStore<Doc>;
  readonly deadLetters: DeadLetterSink;
  /** Receives one JSON line per batch (default: console.log, i.e. CloudWatch Logs). */
  readonly log?: (line: string) => void;
  /** Snapshot puts in flight at once (default 16). */
  readonly writeConcurrency?: number;
  /**
   * `bulk`: changed snapshots are written with unconditional `putMany` (BatchWriteItem) instead of
   * one conditional put each. Only for a rebuild — a new table and consumer group from offset 0,
   * one writer per partition — where nothing else can move a snapshot between this batch's
   * consistent read and its write, so the condition can never fail. The consistent read stays:
   * it is what makes a redelivered batch skip by version. With a second writer a bulk write could
   * overwrite a newer snapshot with an older one (a lost update): the next event for that
   * aggregate then finds a gap, healed by gap repair from the log, and `kes verify` reports it.
   * Default `conditional`.
   */
  readonly writes?: 'conditional' | 'bulk';
  /** The aggregate type's events read back from the log: version gaps are filled from it. */
  readonly history?: EventHistory<Event>;
}

/**
 * The Lambda handler of a projection fed by an MSK event source mapping.
 *
 * Delivery is at least once: a batch arrives again after any failure (offsets are committed only
 * after success), partial overlaps happen, and republished events repeat versions. Correctness
 * therefore rests on the version stored with each snapshot, not on delivery: events at or below
 * it are skipped, so any number of deliveries gives the document one clean delivery gives.
 *
 * Per batch: decode (poison is dead-lettered first, and awaited: if that fails the batch fails,
 * before any write and before the offset moves past a record that is parked nowhere; a retried
 * batch can dead-letter a record twice); read every snapshot in one BatchGetItem, consistently
 * so a retry sees its own earlier writes; fold; write each changed aggregate ONCE with a
 * condition on the version it started from. One write per aggregate keeps the cost at one write
 * however many events arrive, and makes the batch's effect on an aggregate all or nothing.
 *
 * Crash analysis: a crash (or timeout) after some puts but before the offset commit redelivers
 * the batch; the written aggregates skip what they applied and the others apply it now. A failed
 * condition means another writer moved the snapshot (e.g. two mappings on one table during a
 * migration) or an SDK retry repeated a put that had succeeded: either way the batch throws and
 * the retry folds onto the newer snapshot (skipping, in the second case, everything). Gaps (a version
 * missing, e.g. its partition is behind after a repartition) and a throwing `evolve` block only
 * their aggregate: every other aggregate is written first, then the batch throws to be retried.
 * A gap that never fills (retention deleted events) blocks its partition: alarm on errors.
 *
 * @example
 * const store = new DynamoSnapshotStore<AccountDoc>({ client, tableName: config.ACCOUNTS_TABLE });
 * const deadLetters = createKafkaDeadLetterSink({ kafka: () => createKafka(config), topic: config.DLQ_TOPIC });
 * export const handler = createProjectionHandler({ projection: accounts, store, deadLetters });
 */
export function createProjectionHandler<Doc, Event extends DomainEvent>(
  options: ProjectionHandlerOptions<Doc, Event>,
): (event: MSKEvent) => Promise<ProjectionBatchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const name = options.projection.name;
  return async (event) => {
    const started = Date.now();
    const trail: Trail = { poison: [], correlationIds: [], held: [] };
    try {
      const result = await projectBatch(options, event, trail);
      // A parked aggregate is a failure an operator must see, though the batch itself succeeded.
      const level = trail.held.length > 0 ? 'error' : 'info';
      log(batchLine({ level, projection: name, started, result, ...trail }));
      return result;
    } catch (error) {
      const result = error instanceof ProjectionBatchError ? error.result : undefined;
      log(batchLine({ level: 'error', projection: name, started, result, ...trail, error }));
      throw error;
    }
  };
}

/** What a batch leaves for its log line, whether it succeeds or throws. */
interface Trail {
  readonly poison: DeadLetter[];
  readonly correlationIds: string[];
  readonly held: AggregateProblem[];
}

async function projectBatch<Doc, Event extends DomainEvent>(
  options: ProjectionHandlerOptions<Doc, Event>,
  event: MSKEvent,
  { poison, correlationIds, held }: Trail,
): Promise<ProjectionBatchResult> {
  const { projection, store, deadLetters } = options;
  const redrive = (event.eventSource as string) === PARKED_REDRIVE_SOURCE;
  const records = mskRecordsInOrder(event);
  const decoded = decodeBatch(records, projection.catalog, projection.name);
  poison.push(...decoded.poison);
  correlationIds.push(...correlationIdsOf(decoded.byAggregate));
  const ids = [...new Set([...decoded.byAggregate.keys(), ...decoded.broken.keys()])];
  // Bulk (rebuild) mode reads too: its table is empty only for the first batch, later batches fold
  // onto what earlier ones wrote, and a redelivered batch must skip by version what it already
  // applied. Only the table knows that across execution environments (a module-scope cache would
  // be stale once another environment has taken the partition); B3 measures what the read costs.
  const stored =
    ids.length > 0 ? await store.getMany(ids, { consistent: true }) : new Map<string, Snapshot<Doc>>();
  const bases = foldBases(stored);
  // A parked aggregate folds nothing until a redrive: its records join its letters.
  const folding = (id: string) => redrive || !stored.get(id)?.parked;
  const { folds, repaired } = await repairGaps(
    projection,
    options.history,
    ids.map((id) =>
      foldAggregate(projection, id, bases.get(id), folding(id) ? (decoded.byAggregate.get(id) ?? []) : []),
    ),
    { stored: bases, envelopes: decoded.byAggregate },
  );
  const parking = planParking(folds, {
    consumer: projection.name,
    decoded,
    stored,
    redrive,
    now: () => new Date().toISOString(),
  });
  // Letters first, awaited: no offset moves past a record that is kept nowhere.
  const letters = [...poison, ...parking.letters];
  if (letters.length > 0) await deadLetters.send(letters);
  const changed = folds.filter(
    (fold): fold is AggregateFold<Doc> & { next: Snapshot<Doc> } =>
      !!fold.next && !parking.marked.has(fold.id),
  );
  const concurrency = options.writeConcurrency ?? 16;
  const outcomes =
    options.writes === 'bulk'
      ? await bulkWrite(store, changed)
      : await mapWithConcurrency(changed, concurrency, (fold) => store.put(fold.next, fold.from));
  const marks = await mapWithConcurrency(parking.writes, concurrency, (write) =>
    store.put(write.snapshot, write.expectedVersion, { parkedLetters: write.parkedLetters }),
  );
  const written = changed.filter((_, index) => isTrue(outcomes[index]));
  held.push(
    ...parking.parked.map(({ aggregateId, detail }) => ({ aggregateId, kind: 'evolve' as const, detail })),
  );
  const byMarks = markCounts(parking, folds, marks);
  const result: ProjectionBatchResult = {
    records: records.length,
    applied: written.reduce((sum, fold) => sum + fold.applied, 0) + byMarks.applied,
    skipped: folds.reduce((sum, fold) => sum + fold.skipped, 0),
    poison: decoded.poison.length,
    writes: written.length + marks.filter(isTrue).length,
    aggregates: folds.length,
    repaired,
    parked: parking.parked.length,
    parkedEvents: parking.letters.length,
    unparked: byMarks.unparked,
    stillParked: parking.stillParked.length,
  };
  const problems = [
    ...gapProblems(folds.filter((fold) => redrive || !parking.marked.has(fold.id))),
    ...writeProblems(changed, outcomes),
    ...markProblems(parking.writes, marks),
    ...parking.stale.map((stale) => ({ ...stale, kind: 'conflict' as const })),
  ];
  if (problems.length > 0) throw new ProjectionBatchError(projection.name, problems, result);
  return result;
}

/** What folds start from: the stored snapshots without their parked marks (a version-0 one: nothing). */
function foldBases<Doc>(stored: ReadonlyMap<string, Snapshot<Doc>>): Map<string, Snapshot<Doc>> {
  const bases = new Map<string, Snapshot<Doc>>();
  for (const [id, snapshot] of stored) {
    if (snapshot.version === 0) continue;
    const { parked: _mark, ...base } = snapshot;
    bases.set(id, base);
  }
  return bases;
}

/** Events applied by the mark writes that succeeded, and the aggregates whose mark they lifted. */
function markCounts<Doc>(
  parking: ParkingPlan<Doc>,
  folds: readonly AggregateFold<Doc>[],
  outcomes: readonly PromiseSettledResult<boolean>[],
): { applied: number; unparked: number } {
  const applied = new Map(folds.map((fold) => [fold.id, fold.applied]));
  const done = parking.writes.filter((_, index) => isTrue(outcomes[index])).map((write) => write.snapshot.id);
  return {
    applied: done.reduce((sum, id) => sum + (applied.get(id) ?? 0), 0),
    unparked: done.filter((id) => parking.unparked.includes(id)).length,
  };
}

// One outcome for the whole write, so the batch result and error reporting stay as in conditional mode.
async function bulkWrite<Doc>(
  store: SnapshotStore<Doc>,
  changed: readonly (AggregateFold<Doc> & { next: Snapshot<Doc> })[],
): Promise<PromiseSettledResult<boolean>[]> {
  if (changed.length === 0) return [];
  const outcome: PromiseSettledResult<boolean> = await store.putMany(changed.map((fold) => fold.next)).then(
    () => ({ status: 'fulfilled', value: true }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
  return changed.map(() => outcome);
}

const isTrue = (outcome: PromiseSettledResult<boolean> | undefined) =>
  outcome?.status === 'fulfilled' && outcome.value;

interface BatchLine {
  level: 'info' | 'error';
  projection: string;
  started: number;
  result: ProjectionBatchResult | undefined;
  poison: readonly DeadLetter[];
  correlationIds: readonly string[];
  held: readonly AggregateProblem[];
  error?: unknown;
}

// One line per batch keeps CloudWatch Logs Insights queries simple and the log volume bounded.
// Poison details stay out of the log (they can quote record data); the dead-letter topic has them.
function batchLine(line: BatchLine): string {
  const { error } = line;
  return JSON.stringify({
    level: line.level,
    message: messageOf(line),
    projection: line.projection,
    durationMs: Date.now() - line.started,
    ...line.result,
    correlationIds: line.correlationIds,
    ...(line.poison.length > 0 ? { poisonRecords: line.poison.slice(0, 20).map(coordinates) } : {}),
    ...(line.held.length > 0
      ? {
          parkedAggregates: line.held
            .slice(0, 20)
            .map(({ aggregateId, detail }) => ({ aggregateId, detail })),
        }
      : {}),
    ...(error === undefined ? {} : { error: errorSummary(error) }),
  });
}

function messageOf(line: BatchLine): string {
  if (line.error !== undefined) return 'projection batch failed';
  return line.held.length > 0 ? 'projection batch done; aggregates parked' : 'projection batch done';
}

const coordinates = ({ record, reason }: DeadLetter) =>
  `${record.topic}-${record.partition}@${record.offset}: ${reason}`;

function errorSummary(error: unknown) {
  if (error instanceof ProjectionBatchError)
    return { name: error.name, problems: error.problems.slice(0, 20) };
  return error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
}
