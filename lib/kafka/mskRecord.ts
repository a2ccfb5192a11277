import type { MSKEvent, MSKRecord, MSKRecordHeader } from 'aws-lambda';

/**
 * A Kafka record as bytes, independent of the client or event shape it came from: what the
 * projection runner decodes, whether the record arrived through kafkajs or an MSK event.
 */
export interface RawKafkaRecord {
  readonly topic: string;
  readonly partition: number;
  /** Decimal string: Kafka offsets are 64-bit. */
  readonly offset: string;
  /** Milliseconds since the epoch, as a decimal string (kafkajs's convention). */
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** One value per name; when a name repeats, the last value wins. */
  readonly headers: Readonly<Record<string, Buffer>>;
}

/** A record as a Kafka client reads it (the shape of kafkajs's `KafkaMessage` plus its place). */
export interface ConsumedKafkaRecord extends Omit<RawKafkaRecord, 'headers'> {
  readonly headers: Readonly<Record<string, Buffer | string | (Buffer | string)[] | undefined>>;
}

/**
 * Builds the record of an MSK event the way Lambda's event source mapping does:
 * - `key` and `value` are base64; a null key is left out (as AWS does). A null value (a tombstone)
 *   is left out too: AWS documents neither case, but events with the value missing have been
 *   reported (aws-powertools/powertools-lambda-typescript#5016), and readers must cope with both.
 * - `headers` is an array of single-name objects holding the value's bytes, one entry per header,
 *   a repeated header giving repeated entries. The bytes are *signed* (-128..127): AWS serialises a
 *   Java `byte[]`, and non-ASCII header bytes arrive negative (powertools-lambda-python#6862).
 * - `timestampType` is `CREATE_TIME`, the producer's timestamp (the topic default).
 *
 * @example
 * const mskRecord = toMskRecord({ topic, partition, ...message });
 */
export function toMskRecord(record: ConsumedKafkaRecord): MSKRecord {
  const built: Partial<MSKRecord> = {
    topic: record.topic,
    partition: record.partition,
    offset: Number(record.offset),
    timestamp: Number(record.timestamp),
    timestampType: 'CREATE_TIME',
  };
  if (record.key !== null) built.key = record.key.toString('base64');
  if (record.value !== null) built.value = record.value.toString('base64');
  built.headers = toMskHeaders(record.headers);
  // The DefinitelyTyped types declare `key` and `value` as always present; AWS omits them when null.
  return built as MSKRecord;
}

function toMskHeaders(headers: ConsumedKafkaRecord['headers']): MSKRecordHeader[] {
  const entries: MSKRecordHeader[] = [];
  for (const [name, raw] of Object.entries(headers)) {
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
      // A computed key defines an own property, even for `__proto__`.
      entries.push({ [name]: signedBytes(bytes) });
    }
  }
  return entries;
}

// Java's signed bytes, by a plain loop: the local event source converts every header byte of
// every record, and a callback per byte (`Array.from(bytes, fn)`) made this its largest cost (B3).
// Pushed, not preallocated, so the array is packed like the ones JSON.parse gives a handler on AWS.
function signedBytes(bytes: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    out.push(b > 127 ? b - 256 : b);
  }
  return out;
}

/**
 * The inverse of {@link toMskRecord}. Never throws: the event comes from outside, so every piece
 * is checked, and a malformed key, value or header becomes null or is left out (the caller decides
 * whether that makes the record poison). Header bytes may be signed or unsigned; when a header
 * name repeats, the last value wins (the projection runner reads single-valued CloudEvents headers).
 *
 * @example
 * const raw = fromMskRecord(event.records['orders-0']![0]!);
 */
export function fromMskRecord(record: MSKRecord): RawKafkaRecord {
  const loose = (record ?? {}) as unknown as Record<string, unknown>;
  return {
    topic: typeof loose.topic === 'string' ? loose.topic : '',
    partition: Number.isSafeInteger(loose.partition) ? (loose.partition as number) : -1,
    offset: integerString(loose.offset),
    timestamp: integerString(loose.timestamp),
    key: fromBase64(loose.key),
    value: fromBase64(loose.value),
    headers: fromMskHeaders(loose.headers),
  };
}

function integerString(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && /^-?[0-9]+$/.test(value)) return value;
  return '-1';
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// Buffer.from(s, 'base64') silently skips characters it does not know: check the alphabet first.
function fromBase64(value: unknown): Buffer | null {
  return typeof value === 'string' && BASE64.test(value) ? Buffer.from(value, 'base64') : null;
}

function fromMskHeaders(headers: unknown): Record<string, Buffer> {
  if (!Array.isArray(headers)) return {};
  // Assigning a name again keeps its place and takes the last value, as a Map would; plain
  // assignment (not a Map and Object.fromEntries) because every record of every batch comes here.
  const byName: Record<string, Buffer> = {};
  for (const entry of headers as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    for (const name of Object.keys(entry)) {
      const value = headerBytes((entry as Record<string, unknown>)[name]);
      if (!value) continue;
      // Assigning `__proto__` would set the prototype: define it as an own property instead.
      if (name === '__proto__') {
        Object.defineProperty(byName, name, { value, enumerable: true, writable: true, configurable: true });
      } else {
        byName[name] = value;
      }
    }
  }
  return byName;
}

// One pass that checks and copies (every record's headers go through here, on AWS too). A
// Uint8Array stores a number modulo 256, so a signed byte lands as its unsigned value (-1 → 255).
function headerBytes(bytes: unknown): Buffer | null {
  if (!Array.isArray(bytes)) return null;
  const out = Buffer.allocUnsafe(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) {
    const b: unknown = bytes[i];
    // `(b | 0) === b` holds exactly for numbers that are 32-bit integers (not strings, not 1.5).
    if (((b as number) | 0) !== b || b < -128 || b > 255) return null;
    out[i] = b;
  }
  return out;
}

/**
 * The records of an MSK event as one list. Each `"<topic>-<partition>"` entry keeps its order
 * (AWS sends a partition's records in offset order); entries follow one another as in the event.
 *
 * @example
 * for (const record of mskRecordsInOrder(event)) await project(record);
 */
export function mskRecordsInOrder(event: MSKEvent): RawKafkaRecord[] {
  const records: unknown = (event as Partial<MSKEvent> | undefined)?.records;
  if (typeof records !== 'object' || records === null) return [];
  return Object.values(records as Record<string, unknown>).flatMap((list) =>
    Array.isArray(list) ? (list as MSKRecord[]).map(fromMskRecord) : [],
  );
}
