import type { DomainEvent } from '../domain/decider';
import type { EventCatalog, EventContract } from './eventCatalog';
import { contractOf, parseCloudEventType, upcastPath } from './eventCatalog';
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
  readonly version: number;
  readonly contract: EventContract;
  /** How the record's data is read and brought to the contract's current version. */
  readonly path: NonNullable<ReturnType<typeof upcastPath>>;
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
  const data = upcastData(checked, json);
  if (!data.ok) return data;
  const envelope: EventEnvelope<Event> = {
    id: headers[CeHeader.id],
    source: headers[CeHeader.source],
    time: headers[CeHeader.time],
    aggregateId: headers[CeHeader.subject],
    aggregateType: catalog.aggregateType,
    aggregateVersion: checked.version,
    schemaVersion: checked.contract.schemaVersion,
    correlationId: headers[CeHeader.correlationId],
    commandId: headers[CeHeader.commandId],
    event: { type: checked.type, data: data.value } as Event,
    ...(headers[CeHeader.causationId] ? { causationId: headers[CeHeader.causationId] } : {}),
  };
  return { ok: true, envelope };
}

/**
 * The record's data checked against the schema of the version that wrote it, then upcast step by
 * step and checked against the current schema: a consumer only ever folds data of the version it
 * was written for. An upcaster that throws or yields invalid data makes the record poison (named).
 */
function upcastData(checked: Checked, json: unknown): { ok: true; value: unknown } | Poison {
  const { read, steps } = checked.path;
  const parsed = read.safeParse(json);
  if (!parsed.success) return poison(PoisonReason.InvalidData, issuesOf(parsed.error));
  let value: unknown = parsed.data;
  for (const step of steps) {
    try {
      value = (step.upcast as (data: unknown) => unknown)(value);
    } catch (error) {
      return poison(
        PoisonReason.InvalidData,
        `upcast from v${step.schemaVersion} threw: ${(error as Error).message}`,
      );
    }
  }
  if (steps.length === 0) return { ok: true, value };
  const current = checked.contract.data.safeParse(value);
  if (!current.success) {
    return poison(
      PoisonReason.InvalidData,
      `upcast from v${steps[0]!.schemaVersion}: ${issuesOf(current.error)}`,
    );
  }
  return { ok: true, value: current.data };
}

function issuesOf(error: { issues: readonly { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ');
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
  const path = readablePath(contract, type.type, type.schemaVersion);
  if ('ok' in path) return path;
  const version = Number(headers[CeHeader.aggregateVersion]);
  if (!/^[1-9][0-9]*$/.test(headers[CeHeader.aggregateVersion]) || !Number.isSafeInteger(version)) {
    return poison(PoisonReason.MalformedVersion, `ce_aggregateversion ${headers[CeHeader.aggregateVersion]}`);
  }
  if (record.key && record.key.toString('utf8') !== headers[CeHeader.subject]) {
    return poison(PoisonReason.KeyMismatch, 'record key differs from ce_subject');
  }
  return { type: type.type, version, contract, path };
}

/** How to read a version of an event type, or why this consumer cannot. */
function readablePath(
  contract: EventContract,
  type: string,
  schemaVersion: number,
): Checked['path'] | Poison {
  const path = upcastPath(contract, schemaVersion);
  if (path) return path;
  const known = [...(contract.older ?? []).map((older) => older.schemaVersion), contract.schemaVersion];
  const detail = `${type} schema v${schemaVersion} (this consumer reads v${known.join(', v')})`;
  return poison(PoisonReason.UnknownSchemaVersion, detail);
}

function readHeaders(raw: Readonly<Record<string, Buffer | undefined>>): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = value.toString('utf8');
  }
  return headers;
}
