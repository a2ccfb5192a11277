import type { DomainEvent } from '../domain/decider';
import type { EventCatalog } from './eventCatalog';
import { cloudEventType, contractOf, dataSchemaOf } from './eventCatalog';
import type { EventEnvelope } from './eventEnvelope';
import { CeHeader, JSON_CONTENT_TYPE, SPEC_VERSION } from './headers';

/** A record ready for a Kafka producer: key = aggregate id, value = the event data as JSON. */
export interface EncodedRecord {
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Encodes an envelope in CloudEvents binary mode. Throws when the event's type or data breaks the
 * catalog: producing an event our own consumers would dead-letter is a bug, caught at the source.
 */
export function encodeEnvelope<Event extends DomainEvent>(
  envelope: EventEnvelope<Event>,
  catalog: EventCatalog<Event>,
): EncodedRecord {
  const contract = contractOf(catalog, envelope.event.type);
  if (!contract)
    throw new Error(`event type ${envelope.event.type} is not in the ${catalog.aggregateType} catalog`);
  const data = contract.data.parse(envelope.event.data);
  const headers: Record<string, string> = {
    [CeHeader.specVersion]: SPEC_VERSION,
    [CeHeader.id]: envelope.id,
    [CeHeader.source]: envelope.source,
    [CeHeader.type]: cloudEventType(envelope.aggregateType, envelope.event.type, contract.schemaVersion),
    [CeHeader.time]: envelope.time,
    [CeHeader.subject]: envelope.aggregateId,
    [CeHeader.contentType]: JSON_CONTENT_TYPE,
    [CeHeader.dataSchema]: dataSchemaOf(envelope.aggregateType, envelope.event.type, contract.schemaVersion),
    [CeHeader.aggregateType]: envelope.aggregateType,
    [CeHeader.aggregateVersion]: String(envelope.aggregateVersion),
    [CeHeader.correlationId]: envelope.correlationId,
    [CeHeader.commandId]: envelope.commandId,
  };
  if (envelope.causationId !== undefined) headers[CeHeader.causationId] = envelope.causationId;
  return { key: envelope.aggregateId, value: JSON.stringify(data), headers };
}
