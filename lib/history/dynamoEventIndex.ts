import { QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchPutItems } from '../dynamodb/batchWriteItems';
import type { TableDefinition } from '../dynamodb/tableDefinition';
import { streamKey, type EventIndex, type EventLocation, type IndexEntry, type StreamId } from './eventIndex';

/** Key names of the event index table; infra builds the table from {@link eventIndexTableDefinition}. */
export const EventIndexKeys = { stream: 'stream', run: 'run' } as const;

export const eventIndexTableDefinition: TableDefinition = {
  attributes: [
    { name: EventIndexKeys.stream, type: 'S' },
    { name: EventIndexKeys.run, type: 'N' },
  ],
  partitionKey: EventIndexKeys.stream,
  sortKey: EventIndexKeys.run,
  indexes: [],
};

/**
 * Versions per item at most. A run of consecutive versions seen in one batch is one item, so an
 * event costs a fraction of a write unit; and a query for versions from n need only start at
 * n − 99, whatever the aggregate's length.
 */
export const MAX_RUN = 100;

/**
 * A run's sort key: its first version and its length, `first × 1000 + length − 1`. Two runs that
 * start at the same version but end apart are two items: a put never replaces a run with a shorter
 * one — not even a stale invocation's put that lands after a newer one — so coverage only grows.
 * Ordered by first version, as queries need.
 */
const runKey = (first: number, length: number) => first * 1000 + length - 1;

type Item = Record<string, AttributeValue>;
type Entry = [offset: string, timeMs: number];

/**
 * The DynamoDB adapter of {@link EventIndex}: one item per run of consecutive versions of one
 * aggregate in one partition — `{ stream, run, first, last, topic, partition, entries }`, entries being
 * `[offset, time]` per version — under the partition key `<aggregate type>|<aggregate id>`. Runs
 * of a redelivered batch may overlap earlier ones: readers merge them, any copy of a version
 * holding the same event.
 *
 * @example
 * const index = new DynamoEventIndex(client, config.EVENT_INDEX_TABLE);
 */
export class DynamoEventIndex implements EventIndex {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Every run of the batch's aggregates, 25 items per BatchWriteItem (a batch of 100 events: ≤ 4 calls). */
  async record(entries: readonly IndexEntry[]): Promise<void> {
    const items = entries.flatMap(({ stream, locations }) =>
      runsOf(locations).map((run) => toItem(streamKey(stream), run)),
    );
    await batchPutItems(this.client, this.tableName, items);
  }

  async locate(stream: StreamId, fromVersion: number, limit: number): Promise<EventLocation[]> {
    const last = fromVersion + limit - 1;
    const items = await this.query(stream, {
      KeyConditionExpression: '#stream = :stream AND #run BETWEEN :low AND :high',
      values: {
        ':low': { N: String(runKey(Math.max(1, fromVersion - MAX_RUN + 1), 1)) },
        ':high': { N: String(runKey(last, MAX_RUN)) },
      },
      forward: true,
    });
    return merge(items.flatMap(fromItem)).filter((l) => l.version >= fromVersion && l.version <= last);
  }

  async latest(stream: StreamId): Promise<EventLocation | undefined> {
    // The run with the highest first version, or one of those just before it (overlaps are short).
    const items = await this.query(stream, {
      KeyConditionExpression: '#stream = :stream',
      forward: false,
      limit: 10,
    });
    return merge(items.flatMap(fromItem)).at(-1);
  }

  async versionAt(stream: StreamId, at: string): Promise<EventLocation | undefined> {
    const atMs = Date.parse(at);
    let best: EventLocation | undefined;
    let start: Item | undefined;
    // Newest runs first; stop at a run that begins at or before `at`: older ones hold lower versions.
    do {
      const out = await this.page(
        stream,
        { KeyConditionExpression: '#stream = :stream', forward: false, limit: 25 },
        start,
      );
      for (const item of out.items) {
        const locations = fromItem(item);
        const candidate = locations.filter((l) => Date.parse(l.time) <= atMs).at(-1);
        if (candidate && candidate.version > (best?.version ?? 0)) best = candidate;
        if (locations[0] && Date.parse(locations[0].time) <= atMs) return best;
      }
      start = out.next;
    } while (start);
    return best;
  }

  private async query(stream: StreamId, options: QueryOptions): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.page(stream, options, start);
      items.push(...out.items);
      start = options.limit === undefined ? out.next : undefined;
    } while (start);
    return items;
  }

  private async page(stream: StreamId, options: QueryOptions, start?: Item) {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: options.KeyConditionExpression,
        ExpressionAttributeNames: {
          '#stream': EventIndexKeys.stream,
          ...(options.values ? { '#run': EventIndexKeys.run } : {}),
        },
        ExpressionAttributeValues: { ':stream': { S: streamKey(stream) }, ...options.values },
        ScanIndexForward: options.forward,
        ...(options.limit === undefined ? {} : { Limit: options.limit }),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    return { items: out.Items ?? [], next: out.LastEvaluatedKey };
  }
}

interface QueryOptions {
  readonly KeyConditionExpression: string;
  readonly values?: Record<string, AttributeValue>;
  readonly forward: boolean;
  readonly limit?: number;
}

/** Consecutive versions in one topic partition, at most {@link MAX_RUN} each. */
function runsOf(locations: readonly EventLocation[]): EventLocation[][] {
  const runs: EventLocation[][] = [];
  let run: EventLocation[] = [];
  for (const location of [...locations].sort((a, b) => a.version - b.version)) {
    const previous = run.at(-1);
    if (previous?.version === location.version) continue;
    const continues =
      previous !== undefined &&
      run.length < MAX_RUN &&
      location.version === previous.version + 1 &&
      location.topic === previous.topic &&
      location.partition === previous.partition;
    if (!continues) runs.push((run = []));
    run.push(location);
  }
  return runs;
}

function toItem(stream: string, run: readonly EventLocation[]): Item {
  const first = run[0]!;
  const entries: Entry[] = run.map((location) => [location.offset, Date.parse(location.time)]);
  return {
    stream: { S: stream },
    run: { N: String(runKey(first.version, run.length)) },
    first: { N: String(first.version) },
    last: { N: String(first.version + run.length - 1) },
    topic: { S: first.topic },
    partition: { N: String(first.partition) },
    entries: { S: JSON.stringify(entries) },
  };
}

function fromItem(item: Item): EventLocation[] {
  const first = Number(item.first?.N ?? 0);
  const topic = item.topic?.S ?? '';
  const partition = Number(item.partition?.N ?? 0);
  const entries = JSON.parse(item.entries?.S ?? '[]') as Entry[];
  return entries.map(([offset, timeMs], index) => ({
    version: first + index,
    topic,
    partition,
    offset,
    time: new Date(timeMs).toISOString(),
  }));
}

/** One location per version, ascending (of overlapping runs, the first seen wins). */
function merge(locations: readonly EventLocation[]): EventLocation[] {
  const byVersion = new Map<number, EventLocation>();
  for (const location of locations)
    if (!byVersion.has(location.version)) byVersion.set(location.version, location);
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}
