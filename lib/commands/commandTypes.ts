import type { CommandMetadata, Decider, DomainEvent } from '../domain/decider';
import type { EventCatalog } from '../envelope/eventCatalog';
import type { EventEnvelope } from '../envelope/eventEnvelope';
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
  /** Attempts when a concurrent command wins the race and no expected version was given. */
  maxAttempts?: number;
  /** How many recent command ids a head remembers for deduplication. */
  rememberedCommands?: number;
  hooks?: CommandHooks;
  /** Injected for tests; defaults to real timers and Math.random. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface CommandRequest<Command> {
  aggregateId: string;
  command: Command;
  metadata: CommandMetadata;
  /** If-Match: the version the caller based its decision on. */
  expectedVersion?: number;
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
