import type { RawKafkaRecord } from '../kafka/mskRecord';
import type { EventLocation } from './eventIndex';

/** Where a record sits: `<topic>/<partition>/<offset>`. */
export function positionOf(location: Pick<EventLocation, 'topic' | 'partition' | 'offset'>): string {
  return `${location.topic}/${location.partition}/${location.offset}`;
}

/**
 * Port to reading given records back from the log, by position, without joining a consumer group
 * (a join takes seconds; a Lambda answering a request cannot wait for one). Adapters:
 * {@link KafkaLogReader}, {@link InMemoryLogReader}.
 */
export interface LogReader {
  /** The records at those positions, by {@link positionOf}; a position with no record is absent. */
  read(
    locations: readonly Pick<EventLocation, 'topic' | 'partition' | 'offset'>[],
  ): Promise<Map<string, RawKafkaRecord>>;
  close(): Promise<void>;
}
