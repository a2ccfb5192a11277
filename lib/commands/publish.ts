import { AppError, ErrorKind } from '../errors/appError';
import type { EventLog, LogRecord } from '../eventLog/eventLog';
import { EventLogError } from '../eventLog/eventLog';

/**
 * Appends records; a failure becomes `unavailable` (503 + Retry-After). The events stay pending in
 * the head, so a retry with the same command id (Idempotency-Key) publishes them and answers with
 * the original outcome, and the recovery function publishes them if nobody retries.
 */
export async function publishOrUnavailable(eventLog: EventLog, records: readonly LogRecord[]): Promise<void> {
  try {
    await eventLog.append(records);
  } catch (error) {
    const outcome = error instanceof EventLogError ? error.outcome : 'unknown';
    const message =
      'the event log is unavailable: the command is recorded and its events will be published; retry with the same Idempotency-Key to learn the outcome';
    throw new AppError(ErrorKind.Unavailable, message, {
      cause: error,
      retryAfterSeconds: 2,
      details: { publication: outcome },
    });
  }
}
