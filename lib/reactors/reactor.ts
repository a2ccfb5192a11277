import type { CommandBatchRequest, CommandBatchResult } from '../commands/commandTypes';
import type { DomainEvent } from '../domain/decider';
import type { EventCatalog } from '../envelope/eventCatalog';
import type { EventEnvelope } from '../envelope/eventEnvelope';

/** One command a reactor wants run on an aggregate of the target service. */
export interface Reaction<Command> {
  readonly aggregateId: string;
  readonly command: Command;
}

/**
 * Turns one service's events into commands on another's aggregates (choreography). `react` is pure
 * and deterministic: replaying an event must ask for the same commands, because their ids are
 * derived from the event (`<reactor>/<event id>/<index>`) and that is what makes redelivery safe.
 *
 * @example
 * const reserveStock: Reactor<OrderEvent, InventoryCommand> = {
 *   name: 'inventory-on-order',
 *   catalog: orderCatalog,
 *   react: ({ event, aggregateId }) =>
 *     event.type === 'OrderPlaced'
 *       ? event.data.items.map((i) => ({ aggregateId: i.sku, command: { type: 'Reserve', orderId: aggregateId, quantity: i.quantity } }))
 *       : [],
 * };
 */
export interface Reactor<Event extends DomainEvent, Command> {
  readonly name: string;
  readonly catalog: EventCatalog<Event>;
  react(envelope: EventEnvelope<Event>): readonly Reaction<Command>[];
}

/** The target service's batch command handler, as created by `createBatchCommandHandler`. */
export type CommandDispatch<Command> = (
  request: CommandBatchRequest<Command>,
) => Promise<CommandBatchResult<unknown, DomainEvent>>;

export interface ReactorBatchResult {
  readonly records: number;
  /** Source events that asked for commands (or none) and were handled now. */
  readonly handled: number;
  /** Source events at or below the reactor's high-water mark: handled before. */
  readonly skipped: number;
  readonly commands: number;
  /** Batch commands sent: one per target aggregate (and per `maxGroupSize` of its commands). */
  readonly groups: number;
  /** Commands the target rejected, or source events `react` refused, for a domain reason (logged, not retried). */
  readonly rejected: number;
  readonly poison: number;
  /** Source events read back from the log to fill gaps. */
  readonly repaired: number;
  /** Source aggregates parked by this batch (`react` threw, or a record of it cannot be decoded). */
  readonly parked: number;
  /** Records sent to the dead-letter topic for parked source aggregates. */
  readonly parkedEvents: number;
  /** Parked source aggregates a redrive brought up to date: their mark is lifted. */
  readonly unparked: number;
  /** Redriven source aggregates that failed again (the fix is not deployed): their mark stays. */
  readonly stillParked: number;
}
