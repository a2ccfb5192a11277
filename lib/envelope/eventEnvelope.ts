import type { DomainEvent } from '../domain/decider';

/**
 * A domain event with everything the log needs to carry it: a CloudEvents 1.0 event whose subject
 * is the aggregate id, plus extension attributes for the aggregate, its version and the causal chain.
 */
export interface EventEnvelope<Event extends DomainEvent = DomainEvent> {
  /** ce_id: `<aggregateType>/<aggregateId>/<version>`, so a republished event keeps its id. */
  readonly id: string;
  /** ce_source: the service that decided the event, e.g. `urn:service:order`. */
  readonly source: string;
  /** ce_time */
  readonly time: string;
  /** ce_subject: the aggregate id, also the Kafka key. */
  readonly aggregateId: string;
  readonly aggregateType: string;
  /** 1 for the first event of an aggregate; gapless. */
  readonly aggregateVersion: number;
  readonly schemaVersion: number;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly commandId: string;
  readonly event: Event;
}

/** The CloudEvents id of an aggregate's n-th event: deterministic, hence the same when republished. */
export function eventId(aggregateType: string, aggregateId: string, version: number): string {
  return `${aggregateType}/${aggregateId}/${version}`;
}
