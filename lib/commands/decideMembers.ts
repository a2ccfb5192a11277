import type { DomainEvent } from '../domain/decider';
import { isDomainRejection } from '../errors/domainErrors';
import type { LogRecord } from '../eventLog/eventLog';
import type { AppliedCommand } from '../heads/headStore';
import { buildEnvelopes } from './buildEnvelopes';
import { commandKey } from './commandKey';
import type { CommandBatchRequest, CommandHandlerOptions, MemberOutcome } from './commandTypes';

/** Whether a rejected member fails the whole call (a single command) or is recorded (a batch). */
export type RejectionMode = 'throw' | 'record';

export interface DecidedMembers<State, Event extends DomainEvent> {
  readonly state: State;
  readonly version: number;
  readonly outcomes: MemberOutcome<Event>[];
  readonly records: LogRecord[];
  /** The members that decided events, for the head's remembered commands. */
  readonly remembered: AppliedCommand[];
}

/**
 * Decides the members of a batch in order, each against the state the ones before it left, as if
 * each were its own command: its own versions, envelopes (its metadata: ids, correlation, time) and
 * remembered key. A member whose key the head remembers, or that repeats an earlier member, is a
 * replay and decides nothing.
 */
export function decideMembers<Command, Event extends DomainEvent, State>(
  options: Pick<CommandHandlerOptions<Command, Event, State>, 'decider' | 'catalog' | 'source' | 'topic'>,
  request: CommandBatchRequest<Command>,
  start: { state: State; version: number; known: Map<string, number> },
  mode: RejectionMode,
): DecidedMembers<State, Event> {
  let { state, version } = start;
  const known = new Map(start.known);
  const outcomes: MemberOutcome<Event>[] = [];
  const records: LogRecord[] = [];
  const remembered: AppliedCommand[] = [];
  for (const { command, metadata } of request.members) {
    const key = commandKey(metadata.commandId);
    const replayed = known.get(key);
    if (replayed !== undefined) {
      outcomes.push({ outcome: 'replayed', version: replayed });
      continue;
    }
    let events: readonly Event[];
    try {
      events = options.decider.decide(command, state, metadata);
    } catch (error) {
      if (mode === 'throw' || !isDomainRejection(error)) throw error;
      outcomes.push({ outcome: 'rejected', error });
      continue;
    }
    const built = buildEnvelopes(
      options,
      { aggregateId: request.aggregateId, command, metadata },
      version,
      events,
    );
    state = events.reduce((current, event) => options.decider.evolve(current, event), state);
    version += events.length;
    records.push(...built.records);
    outcomes.push({ outcome: 'applied', version, events: built.envelopes });
    if (events.length > 0) {
      remembered.push({ id: key, version, events: events.length });
      known.set(key, version);
    }
  }
  return { state, version, outcomes, records, remembered };
}
