import type { RawKafkaRecord } from '../kafka/mskRecord';

/** A record a consumer gave up on, with why; `reason` is a stable code (e.g. a PoisonReason). */
export interface DeadLetter {
  readonly record: RawKafkaRecord;
  readonly reason: string;
  readonly detail: string;
  /** Who gave up: a projection or consumer name. */
  readonly consumer: string;
  /**
   * Set when the record waits here for its aggregate, parked by a projection
   * (lib/projections/parking.ts) or, as a source aggregate, by a reactor (lib/reactors/reactorParking.ts).
   */
  readonly parkedAggregate?: string;
}

/**
 * The port where consumers park records they can never process, so one bad record does not block
 * its partition. Delivery is at least once: a retried batch can dead-letter the same record twice
 * (dedupe on `dlq_source_topic`/`dlq_source_partition`/`dlq_source_offset` when replaying).
 *
 * @example
 * await deadLetters.send([{ record, reason: 'not_json', detail: 'Unexpected token', consumer: 'accounts' }]);
 */
export interface DeadLetterSink {
  /** Resolves once every letter is durably stored; rejects otherwise (the caller must not go on). */
  send(letters: readonly DeadLetter[]): Promise<void>;
}

/** Headers added to the original record's headers on the dead-letter topic. */
export const DlqHeader = {
  reason: 'dlq_reason',
  detail: 'dlq_detail',
  sourceTopic: 'dlq_source_topic',
  sourcePartition: 'dlq_source_partition',
  sourceOffset: 'dlq_source_offset',
  consumer: 'dlq_consumer',
  /** The aggregate parked behind this record: `kes dlq redrive` replays these, in order. */
  parkedAggregate: 'dlq_parked_aggregate',
} as const;

// A zod report on a large document can run to kilobytes; a header should stay a summary.
const MAX_DETAIL_LENGTH = 2000;

/**
 * The original headers plus the dead-letter ones (which win over same-named originals, so a record
 * dead-lettered twice carries its latest reason).
 *
 * @example
 * const headers = deadLetterHeaders(letter); // { ...letter.record.headers, dlq_reason: 'not_json', ... }
 */
export function deadLetterHeaders(letter: DeadLetter): Record<string, Buffer | string> {
  const detail =
    letter.detail.length > MAX_DETAIL_LENGTH
      ? `${letter.detail.slice(0, MAX_DETAIL_LENGTH)}…`
      : letter.detail;
  return {
    ...letter.record.headers,
    [DlqHeader.reason]: letter.reason,
    [DlqHeader.detail]: detail,
    [DlqHeader.sourceTopic]: letter.record.topic,
    [DlqHeader.sourcePartition]: String(letter.record.partition),
    [DlqHeader.sourceOffset]: letter.record.offset,
    [DlqHeader.consumer]: letter.consumer,
    ...(letter.parkedAggregate === undefined ? {} : { [DlqHeader.parkedAggregate]: letter.parkedAggregate }),
  };
}
