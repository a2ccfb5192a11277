import type { EventLog, LogRecord } from './eventLog';
import { EventLogError } from './eventLog';

/**
 * An event log in memory, for unit tests of command handling. `failNext` makes the next append
 * fail with the given outcome; with `unknown` the records are still kept, as a commit that
 * succeeded but whose answer was lost would leave them.
 */
export class InMemoryEventLog implements EventLog {
  readonly records: LogRecord[] = [];
  private failure: 'aborted' | 'unknown' | undefined;

  append(records: readonly LogRecord[]): Promise<void> {
    const failure = this.failure;
    this.failure = undefined;
    if (failure === 'unknown') this.records.push(...records);
    if (failure) return Promise.reject(new EventLogError(failure, `simulated ${failure} append`));
    this.records.push(...records);
    return Promise.resolve();
  }

  failNext(outcome: 'aborted' | 'unknown'): void {
    this.failure = outcome;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
