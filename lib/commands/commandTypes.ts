import type { CommandMetadata, Decider, DomainEvent } from '../domain/decider';
import type { EventCatalog } from '../envelope/eventCatalog';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import type { EntityStore } from '../entities/entityStore';
import type { AppError } from '../errors/appError';
import type { EventLog } from '../eventLog/eventLog';
import type { HeadStore } from '../heads/headStore';

/**
 * The protocol's step boundaries, in order. A fault-injection seam: tests make `afterStep` throw to
 * simulate a process dying right there (docs/PROTOCOL.md has the crash analysis for each).
 */
export const CommandStep = {
  Read: 'read',
  Deduplicated: 'deduplicated',
  Decided: 'decided',
  Checked: 'checked',
  HeadWritten: 'headWritten',
  Committed: 'committed',
  Cleared: 'cleared',
} as const;
export type CommandStep = (typeof CommandStep)[keyof typeof CommandStep];

export interface CommandHooks {
  afterStep?(step: CommandStep, aggregateId: string): void | Promise<void>;
}

export interface CommandHandlerOptions<Command, Event extends DomainEvent, State> {
  decider: Decider<Command, Event, State>;
  catalog: EventCatalog<Event>;
  /** ce_source of the events, e.g. `urn:service:order`. */
  source: string;
  topic: string;
  heads: HeadStore<State>;
  eventLog: EventLog;
  /** Where the decider's entities live; required when the decider declares `entities`. */
  entities?: EntityStore;
  /** Attempts when a concurrent command wins the race and no expected version was given. */
  maxAttempts?: number;
  /** How many recent command ids a head remembers for deduplication (default 32). */
  rememberedCommands?: number;
  /**
   * A head whose outbox holds this many records (default 64) is flushed before anything new is
   * decided: the outbox cannot grow without bound while Kafka is down or a hot aggregate's
   * commands keep overlapping (docs/PROTOCOL.md, "A bounded head").
   */
  maxPendingRecords?: number;
  hooks?: CommandHooks;
  /** Injected for tests; defaults to real timers, Math.random and the system clock. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Stamps `pendingSince` (when the outbox was filled), which the recovery function ages by. */
  now?: () => Date;
}

export interface CommandRequest<Command, State = unknown> {
  aggregateId: string;
  command: Command;
  metadata: CommandMetadata;
  /** If-Match: the version the caller based its decision on. */
  expectedVersion?: number;
  /**
   * Checked against the aggregate's state as read, before anything else happens (deduplication,
   * If-Match, decide): a check that depends on the aggregate — whose order it is — decided on the
   * same state the command is decided on. Throws to refuse; nothing is written then.
   */
  guard?: (state: State) => void;
}

export interface CommandResult<State, Event extends DomainEvent> {
  aggregateId: string;
  /** The aggregate version right after this command. */
  version: number;
  /** The head's current state (after this command; later commands may have moved it on if replayed). */
  state: State;
  /** The events this call decided; empty when `replayed`. */
  events: readonly EventEnvelope<Event>[];
  /** True when the command id had been applied before and nothing new was decided. */
  replayed: boolean;
}

/** One command of a batch run on one aggregate, with its own metadata (and so its own command id). */
export interface CommandBatchMember<Command> {
  readonly command: Command;
  readonly metadata: CommandMetadata;
}

/**
 * Commands for one aggregate decided together, in order, as one head write and one Kafka
 * transaction: what a reactor sends when one batch of source events asks many things of one
 * aggregate (every order of a popular sku reserving it).
 */
export interface CommandBatchRequest<Command> {
  readonly aggregateId: string;
  readonly members: readonly CommandBatchMember<Command>[];
}

/** What became of one member: decided (perhaps nothing), recognised as a repeat, or refused. */
export type MemberOutcome<Event extends DomainEvent> =
  | {
      readonly outcome: 'applied';
      readonly version: number;
      readonly events: readonly EventEnvelope<Event>[];
    }
  | { readonly outcome: 'replayed'; readonly version: number }
  /** The decider rejected it (invalid transition, business rule, not found); the others went on. */
  | { readonly outcome: 'rejected'; readonly error: AppError };

export interface CommandBatchResult<State, Event extends DomainEvent> {
  readonly aggregateId: string;
  /** The aggregate version after the batch. */
  readonly version: number;
  readonly state: State;
  /** One outcome per member, in request order. */
  readonly members: readonly MemberOutcome<Event>[];
}
