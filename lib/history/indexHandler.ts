import type { MSKEvent } from 'aws-lambda';
import { CeHeader } from '../envelope/headers';
import { mskRecordsInOrder, type RawKafkaRecord } from '../kafka/mskRecord';
import { streamKey, type EventIndex, type EventLocation, type StreamId } from './eventIndex';

export interface IndexHandlerOptions {
  readonly index: EventIndex;
  readonly log?: (line: string) => void;
}

export interface IndexBatchResult {
  readonly records: number;
  readonly indexed: number;
  readonly streams: number;
  /** Records without a subject, type, version or time: not events (the projections park them). */
  readonly skipped: number;
}

/**
 * The index projection: records where every event of a topic sits, per aggregate (an MSK event
 * source mapping, its own consumer group). It needs no catalog and no order: an entry is a fact
 * about a record, recorded again harmlessly on redelivery, so a batch is never held back by a gap.
 * A failed write fails the batch (retried, then redriven from the failure topic).
 *
 * @example
 * export const handler = createIndexHandler({ index: new DynamoEventIndex(client, table) });
 */
export function createIndexHandler(
  options: IndexHandlerOptions,
): (event: MSKEvent) => Promise<IndexBatchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  return async (event) => {
    const started = Date.now();
    const records = mskRecordsInOrder(event);
    const streams = new Map<string, { stream: StreamId; locations: EventLocation[] }>();
    let skipped = 0;
    for (const record of records) {
      const located = locationOf(record);
      if (!located) {
        skipped += 1;
        continue;
      }
      const key = streamKey(located.stream);
      const entry = streams.get(key) ?? { stream: located.stream, locations: [] };
      entry.locations.push(located.location);
      streams.set(key, entry);
    }
    let failed: Error | undefined;
    await options.index
      .record([...streams.values()])
      .catch((error: unknown) => (failed = error instanceof Error ? error : new Error(String(error))));
    const result = {
      records: records.length,
      indexed: records.length - skipped,
      streams: streams.size,
      skipped,
    };
    const line = { message: 'index batch', durationMs: Date.now() - started, ...result };
    if (failed !== undefined) {
      log(JSON.stringify({ level: 'error', ...line, error: failed.message }));
      throw new Error('index batch failed; it will be retried', { cause: failed });
    }
    log(JSON.stringify({ level: 'info', ...line }));
    return result;
  };
}

function locationOf(record: RawKafkaRecord): { stream: StreamId; location: EventLocation } | undefined {
  const header = (name: string) => record.headers[name]?.toString('utf8');
  const aggregateType = header(CeHeader.aggregateType);
  const aggregateId = header(CeHeader.subject);
  const version = Number(header(CeHeader.aggregateVersion));
  const time = header(CeHeader.time);
  if (!aggregateType || !aggregateId || !Number.isSafeInteger(version) || version < 1) return undefined;
  if (!time || Number.isNaN(Date.parse(time))) return undefined;
  const { topic, partition, offset } = record;
  return { stream: { aggregateType, aggregateId }, location: { version, topic, partition, offset, time } };
}
