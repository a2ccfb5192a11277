import type { DomainEvent } from '../domain/decider';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import { eventId } from '../envelope/eventEnvelope';
import { encodeEnvelope } from '../envelope/kafkaCodec';
import type { LogRecord } from '../eventLog/eventLog';
import type { CommandHandlerOptions, CommandRequest } from './commandTypes';

/** Wraps decided events in envelopes (versions from + 1 on) and encodes them for the log. */
export function buildEnvelopes<Command, Event extends DomainEvent, State>(
  options: Pick<CommandHandlerOptions<Command, Event, State>, 'catalog' | 'source' | 'topic'>,
  request: CommandRequest<Command>,
  fromVersion: number,
  events: readonly Event[],
): { envelopes: EventEnvelope<Event>[]; records: LogRecord[] } {
  const { aggregateType } = options.catalog;
  const envelopes = events.map((event, index): EventEnvelope<Event> => ({
    id: eventId(aggregateType, request.aggregateId, fromVersion + index + 1),
    source: options.source,
    time: request.metadata.now,
    aggregateId: request.aggregateId,
    aggregateType,
    aggregateVersion: fromVersion + index + 1,
    schemaVersion: options.catalog.contracts[event.type as Event['type']].schemaVersion,
    correlationId: request.metadata.correlationId,
    commandId: request.metadata.commandId,
    event,
    ...(request.metadata.causationId ? { causationId: request.metadata.causationId } : {}),
  }));
  const records = envelopes.map((envelope) => ({
    topic: options.topic,
    ...encodeEnvelope(envelope, options.catalog),
  }));
  return { envelopes, records };
}
