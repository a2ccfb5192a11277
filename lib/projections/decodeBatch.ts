import type { DeadLetter } from '../deadLetter/deadLetterSink';
import type { DomainEvent } from '../domain/decider';
import { decodeRecord } from '../envelope/decodeRecord';
import type { EventCatalog } from '../envelope/eventCatalog';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import { CeHeader } from '../envelope/headers';
import { PoisonReason } from '../envelope/poison';
import type { RawKafkaRecord } from '../kafka/mskRecord';

/** The first undecodable record of an aggregate, and every record of it that came after. */
export interface BrokenAggregate {
  readonly first: DeadLetter;
  readonly later: RawKafkaRecord[];
}

export interface DecodedBatch<Event extends DomainEvent> {
  /**
   * Envelopes per aggregate id, in the order their records came (per-partition offset order), up
   * to the aggregate's first undecodable record, if any.
   */
  readonly byAggregate: Map<string, EventEnvelope<Event>[]>;
  /** Records that cannot be decoded and name no aggregate: dead-lettered alone. */
  readonly poison: DeadLetter[];
  /** Aggregates with a record that names them (ce_subject) but cannot be decoded: they park there. */
  readonly broken: Map<string, BrokenAggregate>;
  /** The record each envelope came from (dead-lettered as it was, should its aggregate park). */
  readonly recordOf: Map<EventEnvelope<Event>, RawKafkaRecord>;
}

/**
 * Splits a batch into envelopes grouped by aggregate, and records that cannot be decoded. Such a
 * record will never decode, so retrying cannot help: one that names its aggregate parks that
 * aggregate from there on (its later records must not be folded past it); one that names nothing
 * is dead-lettered alone.
 *
 * @example
 * const { byAggregate, poison, broken } = decodeBatch(mskRecordsInOrder(event), catalog, 'accounts');
 */
export function decodeBatch<Event extends DomainEvent>(
  records: readonly RawKafkaRecord[],
  catalog: EventCatalog<Event>,
  consumer: string,
): DecodedBatch<Event> {
  const byAggregate = new Map<string, EventEnvelope<Event>[]>();
  const poison: DeadLetter[] = [];
  const broken = new Map<string, BrokenAggregate>();
  const recordOf = new Map<EventEnvelope<Event>, RawKafkaRecord>();
  for (const record of records) {
    const decoded = decodeRecord(record, catalog);
    const subject = decoded.ok ? decoded.envelope.aggregateId || undefined : subjectOf(record);
    const parkedBehind = subject === undefined ? undefined : broken.get(subject);
    if (parkedBehind) {
      parkedBehind.later.push(record);
    } else if (!decoded.ok) {
      const letter = { record, reason: decoded.reason, detail: decoded.detail, consumer };
      if (subject === undefined) poison.push(letter);
      else broken.set(subject, { first: letter, later: [] });
    } else if (subject === undefined) {
      // decodeRecord already requires ce_subject; this guards the grouping key all the same.
      poison.push({
        record,
        reason: PoisonReason.MissingHeader,
        detail: 'no aggregate id (ce_subject)',
        consumer,
      });
    } else {
      recordOf.set(decoded.envelope, record);
      const list = byAggregate.get(subject);
      if (list) list.push(decoded.envelope);
      else byAggregate.set(subject, [decoded.envelope]);
    }
  }
  return { byAggregate, poison, broken, recordOf };
}

/**
 * Every record of an aggregate in the batch, in batch order (one partition: offset order): those
 * decoded, then the first undecodable one and those after it. What a parked aggregate sends on.
 *
 * @example
 * const fresh = recordsOfAggregate(decoded, 'a').filter((record) => isAfter(record, mark.through));
 */
export function recordsOfAggregate<Event extends DomainEvent>(
  decoded: DecodedBatch<Event>,
  id: string,
): RawKafkaRecord[] {
  const records = (decoded.byAggregate.get(id) ?? []).map((envelope) => decoded.recordOf.get(envelope)!);
  const broken = decoded.broken.get(id);
  return broken ? [...records, broken.first.record, ...broken.later] : records;
}

/**
 * The records of an aggregate's decoded events at or after `version`, in batch order (copies of
 * earlier versions skipped): where an aggregate that fails at `version` parks from.
 *
 * @example
 * const letters = recordsFromVersion(decoded, 'a', 3);
 */
export function recordsFromVersion<Event extends DomainEvent>(
  decoded: DecodedBatch<Event>,
  id: string,
  version: number,
): RawKafkaRecord[] {
  return (decoded.byAggregate.get(id) ?? [])
    .filter((envelope) => envelope.aggregateVersion >= version)
    .map((envelope) => decoded.recordOf.get(envelope)!);
}

/** The aggregate a record names, read from its header alone (the rest may be unreadable). */
function subjectOf(record: RawKafkaRecord): string | undefined {
  const subject = record.headers[CeHeader.subject]?.toString('utf8').trim();
  return subject ? subject : undefined;
}

/** Distinct correlation ids of a batch (at most `limit`), so a batch's log line ties back to requests. */
export function correlationIdsOf<Event extends DomainEvent>(
  byAggregate: DecodedBatch<Event>['byAggregate'],
  limit = 10,
): string[] {
  const ids = new Set<string>();
  for (const envelopes of byAggregate.values()) {
    for (const envelope of envelopes) {
      if (ids.size >= limit) return [...ids];
      ids.add(envelope.correlationId);
    }
  }
  return [...ids];
}
