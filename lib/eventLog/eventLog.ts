/** One record to append: the Kafka topic, key (aggregate id), JSON value and string headers. */
export interface LogRecord {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The port through which commands publish events. An append is atomic: every record of it becomes
 * visible to read_committed consumers, or none does.
 *
 * Failures are thrown as {@link EventLogError}, which says whether the outcome is known.
 */
export interface EventLog {
  append(records: readonly LogRecord[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * `aborted`: nothing became visible. `unknown`: the commit may or may not have happened (e.g. a
 * timeout during commit); the records may already be visible.
 */
export type AppendOutcome = 'aborted' | 'unknown';

export class EventLogError extends Error {
  constructor(
    readonly outcome: AppendOutcome,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EventLogError';
  }
}
