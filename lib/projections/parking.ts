import {
  PARKED_BEHIND,
  failureMessage,
  isAfter as after,
  parkedLetter,
  reachesThrough as reaches,
  throughOf as at,
} from '../deadLetter/parkedRecords';
import type { DeadLetter } from '../deadLetter/deadLetterSink';
import type { DomainEvent } from '../domain/decider';
import type { RawKafkaRecord } from '../kafka/mskRecord';
import type { ParkedMark, Snapshot } from '../snapshots/snapshotStore';
import { recordsFromVersion, recordsOfAggregate, type DecodedBatch } from './decodeBatch';
import type { AggregateFold } from './foldAggregate';

// Shared with reactors (lib/deadLetter/parkedRecords.ts); exported here too for existing importers.
export { PARKED_BEHIND, PARKED_REDRIVE_SOURCE } from '../deadLetter/parkedRecords';

/** Reason of the letter whose event `evolve` could not fold. */
export const EVOLVE_FAILED = 'evolve_failed';

/** A snapshot write that sets or moves a parked mark, conditional on the mark it read. */
export interface MarkWrite<Doc> {
  readonly snapshot: Snapshot<Doc>;
  readonly expectedVersion: number;
  readonly parkedLetters: number;
}

export interface ParkingPlan<Doc> {
  /** In batch order per aggregate: a partition of the dead-letter topic keeps them in order. */
  readonly letters: DeadLetter[];
  readonly writes: MarkWrite<Doc>[];
  /** Aggregates parked by this batch (not those that were parked already). */
  readonly parked: { readonly aggregateId: string; readonly detail: string }[];
  /** Parked aggregates a redrive brought up to date: their mark is lifted. */
  readonly unparked: string[];
  /** Redriven aggregates that failed again (the fix is not deployed): their mark stays. */
  readonly stillParked: string[];
  /** Aggregates written here, not by the batch's plain writes. */
  readonly marked: Set<string>;
  /** Redriven aggregates whose letters end before their mark's last one: read the letters again. */
  readonly stale: { readonly aggregateId: string; readonly detail: string }[];
}

interface Context<Doc, Event extends DomainEvent> {
  readonly consumer: string;
  readonly decoded: DecodedBatch<Event>;
  readonly stored: ReadonlyMap<string, Snapshot<Doc>>;
  /** Redrive: the letters are already on the dead-letter topic; only the mark moves. */
  readonly redrive: boolean;
  readonly now: () => string;
}

/**
 * What parking asks of a batch, after folding: an aggregate whose `evolve` threw, or that has an
 * undecodable record, stops at the version before; that record and every later one of it go to
 * the dead-letter topic, and its snapshot carries the mark. An aggregate parked already sends its
 * new records after the others, once each (`through`). Everything else in the batch goes on.
 *
 * A pure evolve fails the same way on every delivery, so retrying would only block the partition
 * until the retries run out; parking costs one aggregate, visibly, and `kes dlq redrive` replays
 * it in order once the code is fixed.
 */
export function planParking<Doc, Event extends DomainEvent>(
  folds: readonly AggregateFold<Doc>[],
  context: Context<Doc, Event>,
): ParkingPlan<Doc> {
  const plan: ParkingPlan<Doc> = {
    letters: [],
    writes: [],
    parked: [],
    unparked: [],
    marked: new Set(),
    stale: [],
    stillParked: [],
  };
  for (const fold of folds) planOne(plan, fold, context.stored.get(fold.id), context);
  return plan;
}

function planOne<Doc, Event extends DomainEvent>(
  plan: ParkingPlan<Doc>,
  fold: AggregateFold<Doc>,
  stored: Snapshot<Doc> | undefined,
  context: Context<Doc, Event>,
): void {
  const mark = stored?.parked;
  if (mark) plan.marked.add(fold.id);
  if (mark && !context.redrive) return parkBehind(plan, stored, mark, context);
  if (mark && isStale(plan, fold.id, mark, context)) return;
  if (mark && clean(fold, context)) return unpark(plan, fold, mark);
  const before = plan.writes.length;
  parkAt(plan, fold, stored, context);
  if (plan.writes.length > before) plan.marked.add(fold.id);
}

const clean = <Doc, Event extends DomainEvent>(fold: AggregateFold<Doc>, context: Context<Doc, Event>) =>
  !fold.blocked && !context.decoded.broken.has(fold.id);

/**
 * A redriven aggregate whose parked events all applied: the mark goes, on the condition that no
 * letter joined meanwhile (the live projection parks behind the mark until it is lifted); if one
 * did, the write fails and `kes dlq redrive` reads the letters again.
 */
function unpark<Doc>(plan: ParkingPlan<Doc>, fold: AggregateFold<Doc>, mark: ParkedMark): void {
  if (!fold.next) return; // nothing new applied: the mark stays until its events are replayed
  plan.writes.push({ snapshot: fold.next, expectedVersion: fold.from, parkedLetters: mark.letters });
  plan.unparked.push(fold.id);
}

/** An aggregate parked before: its new records join the letters, nothing is folded. */
function parkBehind<Doc, Event extends DomainEvent>(
  plan: ParkingPlan<Doc>,
  stored: Snapshot<Doc>,
  mark: ParkedMark,
  context: Context<Doc, Event>,
): void {
  const fresh = recordsOfAggregate(context.decoded, stored.id).filter((record) =>
    after(record, mark.through),
  );
  if (fresh.length === 0) return;
  const detail = `${stored.id} is parked at version ${mark.version} (${mark.reason})`;
  const letters = fresh.map((record) => letter(record, PARKED_BEHIND, detail, stored.id, context.consumer));
  plan.letters.push(...letters);
  plan.writes.push({
    snapshot: { ...stored, parked: { ...mark, letters: mark.letters + letters.length, through: at(fresh) } },
    expectedVersion: stored.version,
    parkedLetters: mark.letters,
  });
}

/** An aggregate that stops in this batch: evolve threw, or a record of it cannot be decoded. */
function parkAt<Doc, Event extends DomainEvent>(
  plan: ParkingPlan<Doc>,
  fold: AggregateFold<Doc>,
  stored: Snapshot<Doc> | undefined,
  context: Context<Doc, Event>,
): void {
  const failing = failureOf(fold, context);
  if (!failing) return;
  const { version, records } = failing;
  // Parked already only in a redrive that fails again: the mark moves, the letters are sent already.
  const previous = stored?.parked;
  const mark: ParkedMark = {
    version,
    reason: failing.reason,
    detail: failing.detail,
    since: context.now(),
    letters: previous ? previous.letters : records.length,
    through: previous ? previous.through : at(records),
  };
  if (!previous) sendLetters(plan, fold.id, failing, context.consumer);
  else plan.stillParked.push(fold.id);
  const { parked: _old, ...unmarked } = fold.next ?? stored ?? { id: fold.id, version: 0, doc: {} as Doc };
  plan.writes.push({
    snapshot: { ...unmarked, parked: mark },
    expectedVersion: fold.from,
    parkedLetters: previous?.letters ?? 0,
  });
}

function sendLetters<Doc>(
  plan: ParkingPlan<Doc>,
  id: string,
  failing: NonNullable<ReturnType<typeof failureOf>>,
  consumer: string,
): void {
  const detail = `version ${failing.version}: ${failing.detail}`;
  const behind = `${id} is parked at version ${failing.version}`;
  plan.letters.push(
    ...failing.records.map((record, index) =>
      index === 0
        ? letter(record, failing.reason, detail, id, consumer)
        : letter(record, PARKED_BEHIND, behind, id, consumer),
    ),
  );
  plan.parked.push({ aggregateId: id, detail });
}

/** Why and where the aggregate stops, and its records from there on; undefined if it does not. */
function failureOf<Doc, Event extends DomainEvent>(fold: AggregateFold<Doc>, context: Context<Doc, Event>) {
  const broken = context.decoded.broken.get(fold.id);
  const error = fold.blocked?.error;
  // A gap is not a failure of this aggregate's data: the batch is retried for it.
  if (fold.blocked?.found !== undefined || (error === undefined && !broken)) return undefined;
  const version = fold.from + fold.applied + 1;
  const unreadable = broken ? [broken.first.record, ...broken.later] : [];
  if (error === undefined) {
    return { version, reason: broken!.first.reason, detail: broken!.first.detail, records: unreadable };
  }
  const records = [...recordsFromVersion(context.decoded, fold.id, version), ...unreadable];
  return { version, reason: EVOLVE_FAILED, detail: failureMessage(error), records };
}

/** A redrive that misses letters sent after it read them: nothing of the aggregate is written. */
function isStale<Doc, Event extends DomainEvent>(
  plan: ParkingPlan<Doc>,
  id: string,
  mark: ParkedMark,
  context: Context<Doc, Event>,
): boolean {
  if (reaches(recordsOfAggregate(context.decoded, id), mark.through)) return false;
  const { topic, partition, offset } = mark.through;
  plan.stale.push({ aggregateId: id, detail: `letters end before ${topic}-${partition}@${offset}` });
  return true;
}

const letter = (
  record: RawKafkaRecord,
  reason: string,
  detail: string,
  aggregateId: string,
  consumer: string,
) => parkedLetter(record, { reason, detail, aggregateId, consumer });
