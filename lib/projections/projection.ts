import type { DomainEvent } from '../domain/decider';
import type { EventCatalog } from '../envelope/eventCatalog';
import type { EventEnvelope } from '../envelope/eventEnvelope';

/**
 * A read model built from one aggregate type's events: one document per aggregate.
 * `evolve` must be pure and deterministic (no clock, no randomness, no I/O): a redelivered event
 * is skipped by version, so the document is only correct if replaying gives the same result.
 * Documents must be plain JSON-like data, since they are stored as DynamoDB attributes and
 * `evolve` later continues from the stored copy; `id` and `version` are reserved keys.
 *
 * @example
 * const accounts: Projection<AccountDoc, AccountEvent> = {
 *   name: 'accounts',
 *   catalog: accountCatalog,
 *   evolve: (doc, { event, time }) =>
 *     event.type === 'AccountOpened'
 *       ? { owner: event.data.owner, balance: 0, openedAt: time }
 *       : { ...doc!, balance: doc!.balance + event.data.amount },
 * };
 */
export interface Projection<Doc, Event extends DomainEvent> {
  /** Names the consumer in logs and dead letters. */
  readonly name: string;
  readonly catalog: EventCatalog<Event>;
  /** Pure. Receives the current doc (undefined before the first event) and one envelope. */
  evolve(doc: Doc | undefined, envelope: EventEnvelope<Event>): Doc;
}

/** What one batch did; `writes` counts snapshot puts that succeeded (at most one per aggregate). */
export interface ProjectionBatchResult {
  readonly records: number;
  readonly applied: number;
  /** Events at or below the stored version: redelivered, duplicated or republished. */
  readonly skipped: number;
  readonly poison: number;
  readonly writes: number;
  readonly aggregates: number;
  /** Missing versions read back from the log to fill gaps. */
  readonly repaired: number;
  /** Aggregates parked by this batch: evolve threw, or a record of theirs cannot be decoded. */
  readonly parked: number;
  /** Records dead-lettered behind parked aggregates (theirs and those behind them). */
  readonly parkedEvents: number;
  /** Parked aggregates a redrive brought up to date. */
  readonly unparked: number;
  /** Parked aggregates a redrive could not bring up to date (the code still fails). */
  readonly stillParked: number;
}
