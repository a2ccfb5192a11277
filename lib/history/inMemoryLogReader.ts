import type { RawKafkaRecord } from '../kafka/mskRecord';
import { positionOf, type LogReader } from './logReader';

/** A log reader over records kept in memory, for unit tests. */
export class InMemoryLogReader implements LogReader {
  private readonly records = new Map<string, RawKafkaRecord>();
  reads = 0;

  /** Adds records as a topic would hold them. */
  add(...records: RawKafkaRecord[]): void {
    for (const record of records) this.records.set(positionOf(record), record);
  }

  read(locations: Parameters<LogReader['read']>[0]): Promise<Map<string, RawKafkaRecord>> {
    this.reads += 1;
    const found = new Map<string, RawKafkaRecord>();
    for (const location of locations) {
      const record = this.records.get(positionOf(location));
      if (record) found.set(positionOf(location), record);
    }
    return Promise.resolve(found);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
