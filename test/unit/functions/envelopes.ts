import type { DomainEvent } from '../../../lib/domain/decider';
import { eventId, type EventEnvelope } from '../../../lib/envelope/eventEnvelope';

/**
 * Wraps an aggregate's events in envelopes as the command handler would: versions from
 * `fromVersion` on, ids derived from them, and a time one second apart per version.
 */
export function envelopesOf<Event extends DomainEvent>(
  aggregateType: string,
  aggregateId: string,
  events: readonly Event[],
  fromVersion = 1,
): EventEnvelope<Event>[] {
  return events.map((event, index) => {
    const version = fromVersion + index;
    return {
      id: eventId(aggregateType, aggregateId, version),
      source: `urn:service:${aggregateType}`,
      time: new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString(),
      aggregateId,
      aggregateType,
      aggregateVersion: version,
      schemaVersion: 1,
      correlationId: `corr-${aggregateId}`,
      commandId: `cmd-${aggregateId}-${version}`,
      event,
    };
  });
}

/** The envelope of one event at a given version. */
export function envelopeOf<Event extends DomainEvent>(
  aggregateType: string,
  aggregateId: string,
  event: Event,
  version = 1,
): EventEnvelope<Event> {
  return envelopesOf(aggregateType, aggregateId, [event], version)[0]!;
}
