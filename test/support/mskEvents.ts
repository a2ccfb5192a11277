import type { MSKEvent, MSKRecord } from 'aws-lambda';
import type { DomainEvent } from '../../lib/domain/decider';
import type { EventCatalog } from '../../lib/envelope/eventCatalog';
import type { EventEnvelope } from '../../lib/envelope/eventEnvelope';
import { encodeEnvelope } from '../../lib/envelope/kafkaCodec';
import { toMskRecord } from '../../lib/kafka/mskRecord';

export interface RawMessage {
  key: string | null;
  value: string | Buffer | null;
  headers?: Record<string, string>;
}

/**
 * A topic as an MSK event source mapping sees it: records appended get per-partition offsets, and
 * any selection of them becomes an MSKEvent. Records of one aggregate go to one partition (by key),
 * as Kafka's partitioner would put them.
 */
export class FakeTopic {
  readonly records: MSKRecord[] = [];
  private readonly offsets: number[];

  constructor(
    readonly topic = 'events',
    readonly partitions = 1,
  ) {
    this.offsets = new Array<number>(partitions).fill(0);
  }

  /** Appends events as the command side publishes them (key = aggregate id). */
  append<Event extends DomainEvent>(
    catalog: EventCatalog<Event>,
    ...envelopes: EventEnvelope<Event>[]
  ): MSKRecord[] {
    return envelopes.map((envelope) => {
      const { key, value, headers } = encodeEnvelope(envelope, catalog);
      return this.appendRaw({ key, value, headers });
    });
  }

  /** Appends arbitrary bytes, e.g. poison. */
  appendRaw(message: RawMessage, partition = this.partitionOf(message.key)): MSKRecord {
    const offset = this.offsets[partition]!;
    this.offsets[partition] = offset + 1;
    const record = toMskRecord({
      topic: this.topic,
      partition,
      offset: String(offset),
      timestamp: String(1_767_225_600_000 + this.records.length),
      key: message.key === null ? null : Buffer.from(message.key),
      value: message.value === null ? null : Buffer.from(message.value),
      headers: message.headers ?? {},
    });
    this.records.push(record);
    return record;
  }

  /** Records of one partition, in offset order. */
  partition(partition: number): MSKRecord[] {
    return this.records.filter((record) => record.partition === partition);
  }

  private partitionOf(key: string | null): number {
    if (key === null) return 0;
    let hash = 0;
    for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_003;
    return hash % this.partitions;
  }
}

/**
 * An MSKEvent holding the given records, grouped under `"<topic>-<partition>"` in first-seen order
 * and kept in the order given within each partition (callers pass them in offset order).
 */
export function mskEvent(records: readonly MSKRecord[]): MSKEvent {
  const grouped: Record<string, MSKRecord[]> = {};
  for (const record of records) (grouped[`${record.topic}-${record.partition}`] ??= []).push(record);
  return {
    eventSource: 'aws:kafka',
    eventSourceArn:
      'arn:aws:kafka:eu-west-1:123456789012:cluster/test/00000000-0000-0000-0000-000000000000-1',
    bootstrapServers: 'localhost:9092',
    records: grouped,
  };
}
