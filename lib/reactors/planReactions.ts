import type { CommandBatchMember } from '../commands/commandTypes';
import type { DomainEvent } from '../domain/decider';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import type { Reactor } from './reactor';

/** A command asked for by one source event, with the metadata derived from that event. */
export interface PlannedCommand<Command> {
  readonly sourceId: string;
  readonly member: CommandBatchMember<Command>;
}

/** What a batch asks of the target service, and what it means for each source aggregate. */
export interface ReactionPlan<Command> {
  /** Per target aggregate, its commands in the order their source events came (batch order). */
  readonly byTarget: Map<string, PlannedCommand<Command>[]>;
  /** Per source aggregate with new events: the version of its last one (its next checkpoint). */
  readonly marks: Map<string, { readonly from: number; readonly to: number }>;
  /** Source aggregates that cannot advance: a version gap, or `react` threw. */
  readonly failed: Map<string, unknown>;
  readonly handled: number;
  readonly skipped: number;
}

/**
 * Plans a batch, purely: skips each source aggregate's events at or below its checkpoint, refuses
 * a gap, and derives every command's id (`<reactor>/<event id>/<n>`), time, correlation and
 * causation from its source event — so a redelivered event asks for the very same commands.
 * Commands are then grouped by the aggregate they target, keeping each source's order.
 */
export function planReactions<Event extends DomainEvent, Command>(
  reactor: Reactor<Event, Command>,
  sources: ReadonlyMap<string, readonly EventEnvelope<Event>[]>,
  checkpoints: ReadonlyMap<string, number>,
): ReactionPlan<Command> {
  const plan = {
    byTarget: new Map<string, PlannedCommand<Command>[]>(),
    marks: new Map<string, { from: number; to: number }>(),
    failed: new Map<string, unknown>(),
    handled: 0,
    skipped: 0,
  };
  for (const [sourceId, envelopes] of sources) {
    const from = checkpoints.get(sourceId) ?? 0;
    const fresh = envelopes.filter((envelope) => envelope.aggregateVersion > from);
    plan.skipped += envelopes.length - fresh.length;
    try {
      const planned = fresh.flatMap((envelope, index) => {
        const expected = (fresh[index - 1]?.aggregateVersion ?? from) + 1;
        if (envelope.aggregateVersion !== expected) {
          throw new Error(`${sourceId}: version ${envelope.aggregateVersion} follows ${expected - 1} (gap)`);
        }
        return commandsOf(reactor, sourceId, envelope);
      });
      for (const command of planned) append(plan.byTarget, command.targetId, command.planned);
      if (fresh.length > 0) plan.marks.set(sourceId, { from, to: fresh.at(-1)!.aggregateVersion });
      plan.handled += fresh.length;
    } catch (error) {
      plan.failed.set(sourceId, error);
    }
  }
  return plan;
}

function commandsOf<Event extends DomainEvent, Command>(
  reactor: Reactor<Event, Command>,
  sourceId: string,
  envelope: EventEnvelope<Event>,
): { targetId: string; planned: PlannedCommand<Command> }[] {
  return reactor.react(envelope).map((reaction, index) => ({
    targetId: reaction.aggregateId,
    planned: {
      sourceId,
      member: {
        command: reaction.command,
        metadata: {
          now: envelope.time,
          commandId: `${reactor.name}/${envelope.id}/${index}`,
          correlationId: envelope.correlationId,
          causationId: envelope.id,
        },
      },
    },
  }));
}

function append<Key, Value>(map: Map<Key, Value[]>, key: Key, value: Value): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
