/** One event's place in the log: which record holds version `version` of an aggregate. */
export interface EventLocation {
  readonly version: number;
  readonly topic: string;
  readonly partition: number;
  /** Decimal string: Kafka offsets are 64-bit. */
  readonly offset: string;
  /** The event's time (ce_time), ISO 8601: what time travel (`at`) compares. */
  readonly time: string;
}

/** The aggregate an index entry belongs to: its type (a catalog's) and id. */
export interface StreamId {
  readonly aggregateType: string;
  readonly aggregateId: string;
}

/** Where some versions of one aggregate are: what an index batch records per aggregate. */
export interface IndexEntry {
  readonly stream: StreamId;
  readonly locations: readonly EventLocation[];
}

/**
 * Port to the index of where each aggregate's events sit in the log. A Kafka key gives a
 * partition, not a stream: without it, one aggregate's events could only be found by reading its
 * whole partition. Written by the index projection (`createIndexHandler`), read by
 * `createEventHistory`. Entries are facts about records, so writing one twice, or two copies of
 * one version (a republished event), is harmless: any copy of a version holds the same event.
 * Adapters: {@link DynamoEventIndex}, {@link InMemoryEventIndex}.
 *
 * @example
 * await index.record([{ stream: { aggregateType: 'order', aggregateId: 'o-1' }, locations }]);
 * const located = await index.locate({ aggregateType: 'order', aggregateId: 'o-1' }, 1, 100);
 */
export interface EventIndex {
  /** Records where versions of some aggregates are (a whole batch at once); idempotent. */
  record(entries: readonly IndexEntry[]): Promise<void>;
  /** Up to `limit` indexed versions from `fromVersion` on, ascending, each once (holes possible). */
  locate(stream: StreamId, fromVersion: number, limit: number): Promise<EventLocation[]>;
  /** The highest indexed version, if any. */
  latest(stream: StreamId): Promise<EventLocation | undefined>;
  /** The highest version whose time is at or before `at` (ISO 8601), if any. */
  versionAt(stream: StreamId, at: string): Promise<EventLocation | undefined>;
}

/** A stream's key as a string: `%` and `|` escaped in the type, so `a|b`+`c` and `a`+`b|c` differ. */
export function streamKey({ aggregateType, aggregateId }: StreamId): string {
  return `${aggregateType.replaceAll('%', '%25').replaceAll('|', '%7C')}|${aggregateId}`;
}
