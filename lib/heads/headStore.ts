import type { StoredEntity } from '../entities/entityStore';
import type { LogRecord } from '../eventLog/eventLog';

/** A command the aggregate applied, remembered so a retry of it returns the same outcome. */
export interface AppliedCommand {
  /** The command's key: a digest of its id (`lib/commands/commandKey.ts`), not the id itself. */
  readonly id: string;
  /** The aggregate version right after the command's events (unchanged when it decided none). */
  readonly version: number;
  readonly events: number;
}

/**
 * The authoritative current state of one aggregate: the result of every decided command.
 * `pending` and `pendingEntities` are its outbox: encoded events decided but perhaps not yet
 * committed to Kafka, and entities decided but perhaps not yet written to the entity store. The
 * state holds no entities (its entity field is empty): they live in the entity store, or here
 * while pending.
 */
export interface AggregateHead<State> {
  readonly id: string;
  readonly version: number;
  readonly state: State;
  readonly pending: readonly LogRecord[];
  readonly pendingEntities: readonly StoredEntity[];
  /** When the oldest pending event or entity was decided; absent when nothing is pending. */
  readonly pendingSince?: string;
  /**
   * Every record and entity up to this version is known to be carried out (in Kafka, stored):
   * outbox items at or below it are left behind by the next command (docs/PROTOCOL.md, step h).
   * Absent: nothing known yet.
   */
  readonly publishedThrough?: number;
  /** The most recent commands, oldest first, bounded in number. */
  readonly commands: readonly AppliedCommand[];
}

/**
 * Port to the heads table. Every write is a single-item conditional write on `version`: the only
 * compare-and-set the protocol needs (Kafka has none), and one dynalite supports.
 */
export interface HeadStore<State> {
  /** A strongly consistent read. */
  read(id: string): Promise<AggregateHead<State> | undefined>;
  /** Stores `head` if the stored version still equals `expectedVersion` (0: must not exist); false if not. */
  write(head: AggregateHead<State>, expectedVersion: number): Promise<boolean>;
  /**
   * Records that everything up to `version` is carried out: empties the outbox if the head is
   * still at `version`; if a later command moved it on, raises its `publishedThrough` to `version`
   * (never lowers it), so the commands after it stop carrying those records.
   */
  markPublished(id: string, version: number): Promise<void>;
  /** Heads whose outbox was filled before `olderThan` (ISO instant), oldest first. */
  listPending(olderThan: string, limit: number): Promise<AggregateHead<State>[]>;
  /** Every aggregate id, in no particular order (a scan: for operating tools, not requests). */
  ids(): AsyncIterable<string>;
}
