/**
 * A domain event as deciders see it: a discriminated union member with its payload.
 * Transport metadata (ids, versions, time) lives in the envelope, not here.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * Facts a command carries from outside the pure core: the clock and identifiers. Deciders read the
 * time from here, never from `Date.now()`, so the same inputs always give the same events.
 */
export interface CommandMetadata {
  /** ISO-8601 instant at which the command was accepted. */
  readonly now: string;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId?: string;
}

/**
 * The pure heart of an aggregate: decide which events a command causes, and how events change state.
 * `decide` throws an `AppError` (invalid transition, business rule) to reject a command.
 *
 * @example
 * const counter: Decider<{ type: 'Add'; n: number }, { type: 'Added'; data: { n: number } }, number> = {
 *   initialState: 0,
 *   decide: (command) => [{ type: 'Added', data: { n: command.n } }],
 *   evolve: (state, event) => state + event.data.n,
 * };
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  readonly initialState: State;
  decide(command: Command, state: State, metadata: CommandMetadata): readonly Event[];
  evolve(state: State, event: Event): State;
}

/** Folds events into state, starting from `state` (defaults to the decider's initial state). */
export function fold<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[],
  state: State = decider.initialState,
): State {
  return events.reduce((current, event) => decider.evolve(current, event), state);
}
