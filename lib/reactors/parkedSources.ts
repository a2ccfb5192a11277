import type { DeadLetter } from '../deadLetter/deadLetterSink';
import { PARKED_BEHIND, isAfter, parkedLetter, reachesThrough, throughOf } from '../deadLetter/parkedRecords';
import type { DomainEvent } from '../domain/decider';
import { recordsOfAggregate, type DecodedBatch } from '../projections/decodeBatch';
import type { Snapshot } from '../snapshots/snapshotStore';
import type { CheckpointWrite, ReactorCheckpoint } from './reactorCheckpoints';

// Source aggregates a reactor parked before this batch: what the batch may do with them.

/** A batch as parking sees it. */
export interface ParkedBatch<Event extends DomainEvent> {
  readonly decoded: DecodedBatch<Event>;
  /** Stored checkpoints by source aggregate id. */
  readonly stored: ReadonlyMap<string, Snapshot<ReactorCheckpoint>>;
  /** Redrive: the letters are on the dead-letter topic already; only the mark moves. */
  readonly redrive: boolean;
}

/**
 * The source aggregates a batch must not react to: parked ones (their records join the letters),
 * and, in a redrive, parked ones whose letters end before the mark's last one (one joined after
 * the redrive read them: reacting now and lifting the mark would strand it).
 *
 * @example
 * const { held, stale } = heldSources(ids, { decoded, stored, redrive: false });
 */
export function heldSources<Event extends DomainEvent>(
  ids: readonly string[],
  batch: ParkedBatch<Event>,
): { held: Set<string>; stale: Map<string, Error> } {
  const held = new Set<string>();
  const stale = new Map<string, Error>();
  for (const id of ids) {
    const mark = batch.stored.get(id)?.parked;
    if (!mark) continue;
    if (batch.redrive && reachesThrough(recordsOfAggregate(batch.decoded, id), mark.through)) continue;
    held.add(id);
    const { topic, partition, offset } = mark.through;
    if (batch.redrive) stale.set(id, new Error(`${id}: letters end before ${topic}-${partition}@${offset}`));
  }
  return { held, stale };
}

/**
 * A parked source's records past its mark's last letter (a redelivered one is not sent again),
 * and the mark moved over them, conditional on the letters it read; undefined if there are none.
 *
 * @example
 * const behind = lettersBehind('ord-1', stored, { decoded, consumer: 'inventory-on-order' });
 */
export function lettersBehind<Event extends DomainEvent>(
  id: string,
  stored: Snapshot<ReactorCheckpoint>,
  batch: { readonly decoded: DecodedBatch<Event>; readonly consumer: string },
): { letters: DeadLetter[]; write: CheckpointWrite } | undefined {
  const mark = stored.parked;
  if (!mark) return undefined;
  const fresh = recordsOfAggregate(batch.decoded, id).filter((record) => isAfter(record, mark.through));
  if (fresh.length === 0) return undefined;
  const why = {
    reason: PARKED_BEHIND,
    detail: `${id} is parked at version ${mark.version} (${mark.reason})`,
    aggregateId: id,
    consumer: batch.consumer,
  };
  return {
    letters: fresh.map((record) => parkedLetter(record, why)),
    write: {
      sourceId: id,
      version: stored.version,
      parked: { ...mark, letters: mark.letters + fresh.length, through: throughOf(fresh) },
      expectedVersion: stored.version,
      parkedLetters: mark.letters,
    },
  };
}

/**
 * The write that lifts a redriven source's mark once its letters reacted up to `reached`,
 * conditional on the mark's letters: if one joined meanwhile the write fails and `kes dlq
 * redrive` reads the letters again. Undefined when nothing reacted (the mark stays).
 *
 * @example
 * const write = liftMark('ord-1', stored, plan.marks.get('ord-1')?.to);
 */
export function liftMark(
  id: string,
  stored: Snapshot<ReactorCheckpoint>,
  reached: number | undefined,
): CheckpointWrite | undefined {
  if (reached === undefined || !stored.parked) return undefined;
  return {
    sourceId: id,
    version: reached,
    expectedVersion: stored.version,
    parkedLetters: stored.parked.letters,
  };
}
