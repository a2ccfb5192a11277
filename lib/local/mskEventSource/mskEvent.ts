import type { MSKEvent, MSKRecord } from 'aws-lambda';
import { toMskRecord, type ConsumedKafkaRecord } from '../../kafka/mskRecord';

/** What the events say about the cluster they came from. */
export interface EventSourceIdentity {
  readonly clusterArn: string;
  readonly bootstrapServers: string;
}

/**
 * Lambda's invocation payload limit. The mapping stops filling a batch before the event would pass
 * it, whatever the batch size says.
 */
export const MAX_EVENT_BYTES = 6 * 1024 * 1024;

/** A fetched record, possibly with its MSK form already built (see {@link prepared}). */
export interface PreparedRecord extends ConsumedKafkaRecord {
  readonly mskRecord?: MSKRecord;
}

/**
 * The record with its MSK form built now, as it is fetched. Converting every header byte is most
 * of the emulator's own work (B3); done at fetch time it overlaps the invocation in flight, which
 * mostly waits on I/O, instead of delaying the next one. AWS converts outside the function too.
 */
export function prepared(record: ConsumedKafkaRecord): PreparedRecord {
  return { ...record, mskRecord: toMskRecord(record) };
}

/**
 * The MSK event for some records: grouped under `"<topic>-<partition>"` keys, each group in the
 * order given (the caller passes partitions in offset order).
 *
 * @example
 * await handler(toMskEvent(records, { clusterArn, bootstrapServers }), context);
 */
export function toMskEvent(records: readonly PreparedRecord[], source: EventSourceIdentity): MSKEvent {
  const grouped = new Map<string, MSKRecord[]>();
  for (const record of records) {
    const key = `${record.topic}-${record.partition}`;
    const group = grouped.get(key) ?? [];
    group.push(record.mskRecord ?? toMskRecord(record));
    grouped.set(key, group);
  }
  return {
    eventSource: 'aws:kafka',
    eventSourceArn: source.clusterArn,
    bootstrapServers: source.bootstrapServers,
    records: Object.fromEntries(grouped),
  };
}

/** About how many bytes a record takes in the event's JSON (base64 is 4/3; header bytes ~4 each). */
export function approximateEventBytes(record: ConsumedKafkaRecord): number {
  let headerBytes = 0;
  // Runs for every record the dispatcher takes: no arrays per header.
  for (const name of Object.keys(record.headers)) {
    const value = record.headers[name];
    if (value === undefined) continue;
    if (!Array.isArray(value)) headerBytes += name.length + 8 + byteLength(value) * 4;
    else for (const one of value) headerBytes += name.length + 8 + byteLength(one) * 4;
  }
  const keyAndValue = base64(record.key?.length ?? 0) + base64(record.value?.length ?? 0);
  return 200 + record.topic.length + keyAndValue + headerBytes;
}

const base64 = (length: number) => Math.ceil(length / 3) * 4;

const byteLength = (one: Buffer | string) => (typeof one === 'string' ? Buffer.byteLength(one) : one.length);
