import type { DeadLetter } from '../deadLetter/deadLetterSink';
import { PARKED_BEHIND, failureMessage, parkedLetter, throughOf } from '../deadLetter/parkedRecords';
import type { DomainEvent } from '../domain/decider';
import type { RawKafkaRecord } from '../kafka/mskRecord';
import { recordsFromVersion } from '../projections/decodeBatch';
import type { ParkedMark, Snapshot } from '../snapshots/snapshotStore';
import type { ReactionPlan } from './planReactions';
import { liftMark, lettersBehind, type ParkedBatch } from './parkedSources';
import type { CheckpointWrite, ReactorCheckpoint } from './reactorCheckpoints';

/** Reason of the letter whose event `react` threw on. */
export const REACTION_FAILED = 'reaction_failed';

/** What parking asks of a batch, once its reactions are planned. */
export interface ReactorParkingPlan {
  /** In batch order per source: a partition of the dead-letter topic keeps them in order. */
  readonly letters: DeadLetter[];
  /** Checkpoints that set, move or lift a mark: written instead of the plan's plain moves. */
  readonly writes: CheckpointWrite[];
  /** Sources parked by this batch (not those parked already). */
  readonly parked: { readonly sourceId: string; readonly detail: string }[];
  /** Parked sources a redrive brought up to date. */
  readonly unparked: string[];
  /** Redriven sources that failed again (the fix is not deployed): their mark stays. */
  readonly stillParked: string[];
}

interface Context<Event extends DomainEvent> extends ParkedBatch<Event> {
  readonly consumer: string;
  readonly plan: ReactionPlan<unknown>;
  readonly held: ReadonlySet<string>;
  readonly now: () => string;
}

/**
 * Parks, purely, every source aggregate whose `react` threw or that has a record naming it that
 * cannot be decoded: the checkpoint stays at the version before (the events before it are reacted
 * to as usual), that record and every later one of the source go to the dead-letter topic, and the
 * checkpoint carries the mark. A source parked already sends its new records behind, once each
 * (`through`). A redrive that reacts to all its letters lifts the mark; one that fails again moves
 * it to where it now fails. A source with a gap is left to the batch's retry.
 *
 * @example
 * const parking = planReactorParking(ids, { consumer: reactor.name, decoded, stored, plan, held, redrive, now });
 */
export function planReactorParking<Event extends DomainEvent>(
  ids: readonly string[],
  context: Context<Event>,
): ReactorParkingPlan {
  const parking: ReactorParkingPlan = { letters: [], writes: [], parked: [], unparked: [], stillParked: [] };
  for (const id of ids) {
    const stored = context.stored.get(id);
    if (context.held.has(id)) {
      if (stored?.parked && !context.redrive) add(parking, lettersBehind(id, stored, context));
      continue;
    }
    if (context.plan.failed.has(id)) continue;
    const failure = failureOf(id, context);
    if (failure) parkAt(parking, id, failure, context);
    else if (stored?.parked) unpark(parking, id, stored, context.plan.marks.get(id)?.to);
  }
  return parking;
}

interface Failure {
  readonly version: number;
  readonly reason: string;
  readonly detail: string;
  readonly records: RawKafkaRecord[];
}

/** Where and why a source stops, and its records from there on; undefined if it does not. */
function failureOf<Event extends DomainEvent>(id: string, context: Context<Event>): Failure | undefined {
  const thrown = context.plan.thrown.get(id);
  const broken = context.decoded.broken.get(id);
  const unreadable = broken ? [broken.first.record, ...broken.later] : [];
  if (thrown) {
    const records = [...recordsFromVersion(context.decoded, id, thrown.version), ...unreadable];
    return {
      version: thrown.version,
      reason: REACTION_FAILED,
      detail: failureMessage(thrown.error),
      records,
    };
  }
  if (!broken) return undefined;
  // An undecodable record names no version: it is the one after the last reacted to.
  const version = (context.plan.marks.get(id)?.to ?? context.stored.get(id)?.version ?? 0) + 1;
  return { version, reason: broken.first.reason, detail: broken.first.detail, records: unreadable };
}

function parkAt<Event extends DomainEvent>(
  parking: ReactorParkingPlan,
  id: string,
  failure: Failure,
  context: Context<Event>,
): void {
  const stored = context.stored.get(id);
  // Parked already only in a redrive that fails again: the mark moves, its letters are sent already.
  const previous = stored?.parked;
  if (!previous && failure.records.length === 0) return; // nothing to send: the plain move stands
  const mark: ParkedMark = {
    version: failure.version,
    reason: failure.reason,
    detail: failure.detail,
    since: context.now(),
    letters: previous ? previous.letters : failure.records.length,
    through: previous ? previous.through : throughOf(failure.records),
  };
  if (previous) parking.stillParked.push(id);
  else sendLetters(parking, id, failure, context.consumer);
  parking.writes.push({
    sourceId: id,
    version: failure.version - 1,
    parked: mark,
    expectedVersion: stored?.version ?? 0,
    parkedLetters: previous?.letters ?? 0,
  });
}

function sendLetters(parking: ReactorParkingPlan, id: string, failure: Failure, consumer: string): void {
  const detail = `version ${failure.version}: ${failure.detail}`;
  const behind = `${id} is parked at version ${failure.version}`;
  parking.letters.push(
    ...failure.records.map((record, index) =>
      index === 0
        ? parkedLetter(record, { reason: failure.reason, detail, aggregateId: id, consumer })
        : parkedLetter(record, { reason: PARKED_BEHIND, detail: behind, aggregateId: id, consumer }),
    ),
  );
  parking.parked.push({ sourceId: id, detail });
}

function add(parking: ReactorParkingPlan, behind: ReturnType<typeof lettersBehind>): void {
  if (!behind) return;
  parking.letters.push(...behind.letters);
  parking.writes.push(behind.write);
}

/** A redriven source whose letters all reacted: its mark is lifted (see liftMark). */
function unpark(
  parking: ReactorParkingPlan,
  id: string,
  stored: Snapshot<ReactorCheckpoint>,
  reached: number | undefined,
): void {
  const write = liftMark(id, stored, reached);
  if (!write) {
    parking.stillParked.push(id);
    return;
  }
  parking.writes.push(write);
  parking.unparked.push(id);
}
