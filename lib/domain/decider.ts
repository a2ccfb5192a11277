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
  /** Per-key parts of the state that are stored one item each, outside the head. */
  readonly entities?: DeciderEntities<Command>;
}

/**
 * Entities an aggregate owns in unbounded number — an inventory's reservations, one per order; an
 * account's charges — kept out of its head. Each is stored as an item of its own beside the head,
 * and a command loads only those it names, so the head, and what a command costs, stay the same
 * however many accumulate over the aggregate's life (docs/PROTOCOL.md, "Entities").
 *
 * `decide` and `evolve` see them as an ordinary record field of the state, which holds the entries
 * the command loaded (all of them when a whole history is folded, as tests do). An entry `evolve`
 * needs must therefore be named by `keysOf` for every command whose events touch it.
 *
 * @example
 * entities: { field: 'reservations', keysOf: keyFromField('orderId') }
 */
export interface DeciderEntities<Command> {
  /** The state field holding the entities: a record by key, empty in the initial state. */
  readonly field: string;
  /**
   * The keys of the entities `command` may read or change. Commands reach `decide` unchecked (it
   * checks them), so a malformed one may yield anything here: what is not a non-empty string is
   * ignored, and `decide` then rejects the command.
   */
  keysOf(command: Command): readonly string[];
}

/**
 * A `keysOf` for commands that name their one entity in a field (`orderId`, say); commands without
 * it name none.
 *
 * @example
 * entities: { field: 'charges', keysOf: keyFromField('orderId') }
 */
export function keyFromField<Command>(field: string): (command: Command) => readonly string[] {
  return (command) => {
    const value =
      typeof command === 'object' && command !== null
        ? (command as Record<string, unknown>)[field]
        : undefined;
    return typeof value === 'string' ? [value] : [];
  };
}

/** Folds events into state, starting from `state` (defaults to the decider's initial state). */
export function fold<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[],
  state: State = decider.initialState,
): State {
  return events.reduce((current, event) => decider.evolve(current, event), state);
}
