import type { DomainEvent } from '../domain/decider';
import type { EventCatalog } from '../envelope/eventCatalog';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import { CeHeader } from '../envelope/headers';
import { encodeEnvelope } from '../envelope/kafkaCodec';

/** A CloudEvents 1.0 event in the JSON (structured) format, with our extension attributes. */
export type CloudEventJson = Record<string, unknown> & {
  readonly specversion: string;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
};

/**
 * The structured-mode CloudEvent of an envelope: exactly the attributes its Kafka record carries as
 * `ce_` headers (binary mode), with `datacontenttype` and the data as JSON, so the two formats
 * cannot disagree. `aggregateversion` is a CloudEvents Integer (a JSON number).
 *
 * @example
 * toCloudEvent(envelope, orderCatalog); // { specversion: '1.0', id: 'order/o-1/1', type: 'order.OrderPlaced.v1', … }
 */
export function toCloudEvent<Event extends DomainEvent>(
  envelope: EventEnvelope<Event>,
  catalog: EventCatalog<Event>,
): CloudEventJson {
  const { headers, value } = encodeEnvelope(envelope, catalog);
  const attributes: Record<string, unknown> = {};
  for (const [name, headerValue] of Object.entries(headers)) {
    if (name === CeHeader.contentType) attributes.datacontenttype = headerValue;
    else if (name === CeHeader.aggregateVersion) attributes.aggregateversion = Number(headerValue);
    else if (name.startsWith('ce_')) attributes[name.slice(3)] = headerValue;
  }
  return { ...attributes, data: JSON.parse(value) as unknown } as CloudEventJson;
}
