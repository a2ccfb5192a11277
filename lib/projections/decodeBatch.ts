import type { DeadLetter } from '../deadLetter/deadLetterSink';
import type { DomainEvent } from '../domain/decider';
import { decodeRecord } from '../envelope/decodeRecord';
import type { EventCatalog } from '../envelope/eventCatalog';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import { PoisonReason } from '../envelope/poison';
import type { RawKafkaRecord } from '../kafka/mskRecord';

export interface DecodedBatch<Event extends DomainEvent> {
  /** Envelopes per aggregate id, in the order their records came (per-partition offset order). */
  readonly byAggregate: Map<string, EventEnvelope<Event>[]>;
  readonly poison: DeadLetter[];
}

/**
 * Splits a batch into envelopes grouped by aggregate and poison records to dead-letter. A record
 * that cannot be decoded will never decode, so retrying cannot help: it is parked, not thrown.
 *
 * @example
 * const { byAggregate, poison } = decodeBatch(mskRecordsInOrder(event), catalog, 'accounts');
 */
export function decodeBatch<Event extends DomainEvent>(
  records: readonly RawKafkaRecord[],
  catalog: EventCatalog<Event>,
  consumer: string,
): DecodedBatch<Event> {
  const byAggregate = new Map<string, EventEnvelope<Event>[]>();
  const poison: DeadLetter[] = [];
  for (const record of records) {
    const decoded = decodeRecord(record, catalog);
    if (!decoded.ok) {
      poison.push({ record, reason: decoded.reason, detail: decoded.detail, consumer });
    } else if (!decoded.envelope.aggregateId) {
      // decodeRecord already requires ce_subject; this guards the grouping key all the same.
      poison.push({
        record,
        reason: PoisonReason.MissingHeader,
        detail: 'no aggregate id (ce_subject)',
        consumer,
      });
    } else {
      const list = byAggregate.get(decoded.envelope.aggregateId);
      if (list) list.push(decoded.envelope);
      else byAggregate.set(decoded.envelope.aggregateId, [decoded.envelope]);
    }
  }
  return { byAggregate, poison };
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
