import type { MSKEvent } from 'aws-lambda';
import type { RawKafkaRecord } from '../kafka/mskRecord';
import type { ParkedMark } from '../snapshots/snapshotStore';
import type { DeadLetter } from './deadLetterSink';

// What parking an aggregate means on the dead-letter topic, shared by every consumer that parks
// (projections: lib/projections/parking.ts; reactors: lib/reactors/reactorParking.ts), so their
// letters look alike and `kes dlq` lists, shows and redrives them the same way.

/**
 * `eventSource` of a batch that `kes dlq redrive` builds from an aggregate's parked letters: the
 * consumer runs it through its own handler and, when every record goes through, lifts the mark.
 */
export const PARKED_REDRIVE_SOURCE = 'kes:parked-redrive';

/** Reason of the letters that wait behind the one that failed. */
export const PARKED_BEHIND = 'parked_behind';

/** Where an aggregate's last letter came from (a parked mark's `through`). */
export type ParkedThrough = ParkedMark['through'];

/**
 * Whether a batch is a redrive of parked letters rather than a delivery from the event source.
 *
 * @example
 * const redrive = isParkedRedrive(event);
 */
export const isParkedRedrive = (event: MSKEvent): boolean =>
  (event.eventSource as string) === PARKED_REDRIVE_SOURCE;

/**
 * A letter for a record that waits for its parked aggregate.
 *
 * @example
 * parkedLetter(record, { reason: PARKED_BEHIND, detail, aggregateId: 'a', consumer: 'accounts' });
 */
export function parkedLetter(
  record: RawKafkaRecord,
  why: {
    readonly reason: string;
    readonly detail: string;
    readonly aggregateId: string;
    readonly consumer: string;
  },
): DeadLetter {
  return {
    record,
    reason: why.reason,
    detail: why.detail,
    consumer: why.consumer,
    parkedAggregate: why.aggregateId,
  };
}

/**
 * Whether a record comes after the mark's last letter, i.e. is not one sent already. A record of
 * another topic or partition counts as after: an aggregate's records share one partition, so that
 * only happens after a repartition, where sending it again is the safe side.
 *
 * @example
 * const fresh = records.filter((record) => isAfter(record, mark.through));
 */
export function isAfter(record: RawKafkaRecord, through: ParkedThrough): boolean {
  if (record.topic !== through.topic || record.partition !== through.partition) return true;
  return BigInt(record.offset) > BigInt(through.offset);
}

/**
 * Whether redriven records include the mark's last letter: otherwise one joined after the redrive
 * read them, and lifting the mark would strand it.
 *
 * @example
 * if (!reachesThrough(records, mark.through)) throw new Error('read the letters again');
 */
export function reachesThrough(records: readonly RawKafkaRecord[], through: ParkedThrough): boolean {
  return records.some((record) => !isAfter(record, through) && record.offset === through.offset);
}

/**
 * The source position of the last of (non-empty) records: a mark's new `through`.
 *
 * @example
 * const mark = { ...previous, letters: previous.letters + fresh.length, through: throughOf(fresh) };
 */
export function throughOf(records: readonly RawKafkaRecord[]): ParkedThrough {
  const last = records.at(-1)!;
  return { topic: last.topic, partition: last.partition, offset: last.offset };
}

/**
 * A thrown value as a letter's detail.
 *
 * @example
 * const detail = failureMessage(error); // 'thirteen is unlucky'
 */
export const failureMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
