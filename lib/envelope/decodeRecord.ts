import type { DomainEvent } from '../domain/decider';
import type { EventCatalog, EventContract } from './eventCatalog';
import { contractOf, parseCloudEventType } from './eventCatalog';
import type { EventEnvelope } from './eventEnvelope';
import { CeHeader, REQUIRED_HEADERS, SPEC_VERSION } from './headers';
import { PoisonReason } from './poison';

/** The parts of a Kafka record decoding needs, whichever client or event shape it came from. */
export interface DecodableRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer | undefined>>;
}

export type DecodeResult<Event extends DomainEvent> =
  | { readonly ok: true; readonly envelope: EventEnvelope<Event> }
  | { readonly ok: false; readonly reason: PoisonReason; readonly detail: string };

/** Kafka's default message.max.bytes; anything larger did not come from our producers. */
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

const poison = (reason: PoisonReason, detail: string) => ({ ok: false, reason, detail }) as const;

/**
 * Decodes a record into an envelope, or says precisely why it is poison. Never throws: one bad
 * record must not fail a batch (the runners dead-letter it and go on).
 */
export function decodeRecord<Event extends DomainEvent>(
  record: DecodableRecord,
  catalog: EventCatalog<Event>,
  maxBytes = DEFAULT_MAX_RECORD_BYTES,
): DecodeResult<Event> {
  if (!record.value) return poison(PoisonReason.MissingValue, 'record has no value');
  if (record.value.length > maxBytes) {
    return poison(PoisonReason.Oversize, `value is ${record.value.length} bytes (limit ${maxBytes})`);
  }
  const headers = readHeaders(record.headers);
  const missing = REQUIRED_HEADERS.filter((name) => !headers[name]);
  if (missing.length > 0) return poison(PoisonReason.MissingHeader, `missing headers: ${missing.join(', ')}`);
  return decodeWithHeaders(record, headers as Headers, catalog);
}

type Headers = Record<string, string | undefined> & Record<(typeof REQUIRED_HEADERS)[number], string>;
type Poison = ReturnType<typeof poison>;
interface Checked {
  readonly type: string;
  readonly schemaVersion: number;
  readonly version: number;
  readonly contract: EventContract;
}

function decodeWithHeaders<Event extends DomainEvent>(
  record: DecodableRecord,
  headers: Headers,
  catalog: EventCatalog<Event>,
): DecodeResult<Event> {
  const checked = checkHeaders(record, headers, catalog);
  if ('ok' in checked) return checked;
  let json: unknown;
  try {
    json = JSON.parse(record.value!.toString('utf8'));
  } catch (error) {
    return poison(PoisonReason.NotJson, (error as Error).message);
  }
  const data = checked.contract.data.safeParse(json);
  if (!data.success) {
    const issues = data.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`);
    return poison(PoisonReason.InvalidData, issues.join('; '));
  }
  const envelope: EventEnvelope<Event> = {
    id: headers[CeHeader.id],
    source: headers[CeHeader.source],
    time: headers[CeHeader.time],
    aggregateId: headers[CeHeader.subject],
    aggregateType: catalog.aggregateType,
    aggregateVersion: checked.version,
    schemaVersion: checked.schemaVersion,
    correlationId: headers[CeHeader.correlationId],
    commandId: headers[CeHeader.commandId],
    event: { type: checked.type, data: data.data } as Event,
    ...(headers[CeHeader.causationId] ? { causationId: headers[CeHeader.causationId] } : {}),
  };
  return { ok: true, envelope };
}

function checkHeaders(record: DecodableRecord, headers: Headers, catalog: EventCatalog): Checked | Poison {
  if (headers[CeHeader.specVersion] !== SPEC_VERSION) {
    return poison(PoisonReason.UnsupportedSpecVersion, `ce_specversion ${headers[CeHeader.specVersion]}`);
  }
  const contentType = headers[CeHeader.contentType];
  if (contentType !== undefined && !/^application\/json\b/i.test(contentType)) {
    return poison(PoisonReason.UnsupportedContentType, `content-type ${contentType}`);
  }
  const type = parseCloudEventType(headers[CeHeader.type]);
  if (!type || type.aggregateType !== catalog.aggregateType) {
    return poison(
      PoisonReason.MalformedType,
      `ce_type ${headers[CeHeader.type]} is not a ${catalog.aggregateType} event`,
    );
  }
  const contract = contractOf(catalog, type.type);
  if (!contract) return poison(PoisonReason.UnknownType, `unknown event type ${type.type}`);
  if (contract.schemaVersion !== type.schemaVersion) {
    const detail = `${type.type} schema v${type.schemaVersion} (this consumer reads v${contract.schemaVersion})`;
    return poison(PoisonReason.UnknownSchemaVersion, detail);
  }
  const version = Number(headers[CeHeader.aggregateVersion]);
  if (!/^[1-9][0-9]*$/.test(headers[CeHeader.aggregateVersion]) || !Number.isSafeInteger(version)) {
    return poison(PoisonReason.MalformedVersion, `ce_aggregateversion ${headers[CeHeader.aggregateVersion]}`);
  }
  if (record.key && record.key.toString('utf8') !== headers[CeHeader.subject]) {
    return poison(PoisonReason.KeyMismatch, 'record key differs from ce_subject');
  }
  return { type: type.type, schemaVersion: type.schemaVersion, version, contract };
}

function readHeaders(raw: Readonly<Record<string, Buffer | undefined>>): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = value.toString('utf8');
  }
  return headers;
}
