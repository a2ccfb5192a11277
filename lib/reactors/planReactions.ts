import type { CommandBatchMember } from '../commands/commandTypes';
import type { DomainEvent } from '../domain/decider';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import { isDomainRejection } from '../errors/domainErrors';
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
  /** Per source aggregate with new events handled: the version of its last one (its next checkpoint). */
  readonly marks: Map<string, { readonly from: number; readonly to: number }>;
  /** Source aggregates that cannot advance at all: a version gap (the batch is retried for them). */
  readonly failed: Map<string, unknown>;
  /** Source aggregates whose `react` threw at `version`: handled up to the one before, parked from it. */
  readonly thrown: Map<string, { readonly version: number; readonly error: unknown }>;
  readonly handled: number;
  readonly skipped: number;
  /** Source events whose `react` refused them for a domain reason: handled, nothing asked. */
  readonly rejected: number;
}

/**
 * Plans a batch, purely: skips each source aggregate's events at or below its checkpoint, refuses
 * a gap, and derives every command's id (`<reactor>/<event id>/<n>`), time, correlation and
 * causation from its source event — so a redelivered or redriven event asks for the very same
 * commands. Commands are then grouped by the aggregate they target, keeping each source's order.
 *
 * A source whose `react` throws stops there (a pure `react` throws on every delivery, so the
 * handler parks the source from that event); the events before it are planned as usual.
 *
 * @example
 * const plan = planReactions(inventoryOnOrder, decoded.byAggregate, new Map([['ord-1', 2]]));
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
    thrown: new Map<string, { version: number; error: unknown }>(),
    handled: 0,
    skipped: 0,
    rejected: 0,
  };
  for (const [sourceId, envelopes] of sources) {
    const from = checkpoints.get(sourceId) ?? 0;
    const fresh = envelopes.filter((envelope) => envelope.aggregateVersion > from);
    plan.skipped += envelopes.length - fresh.length;
    const gap = gapOf(sourceId, from, fresh);
    if (gap) {
      plan.failed.set(sourceId, gap);
      continue;
    }
    let to = from;
    for (const envelope of fresh) {
      const reacted = commandsOf(reactor, sourceId, envelope);
      if ('error' in reacted) {
        plan.thrown.set(sourceId, { version: envelope.aggregateVersion, error: reacted.error });
        break;
      }
      if (reacted.rejected) plan.rejected += 1;
      for (const command of reacted.commands) append(plan.byTarget, command.targetId, command.planned);
      to = envelope.aggregateVersion;
    }
    if (to > from) plan.marks.set(sourceId, { from, to });
    plan.handled += to - from;
  }
  return plan;
}

/** A version missing between the checkpoint and the source's new events (none if they follow on). */
function gapOf<Event extends DomainEvent>(
  sourceId: string,
  from: number,
  fresh: readonly EventEnvelope<Event>[],
): Error | undefined {
  const at = fresh.findIndex(
    (envelope, index) => envelope.aggregateVersion !== (fresh[index - 1]?.aggregateVersion ?? from) + 1,
  );
  if (at < 0) return undefined;
  const expected = (fresh[at - 1]?.aggregateVersion ?? from) + 1;
  return new Error(`${sourceId}: version ${fresh[at]!.aggregateVersion} follows ${expected - 1} (gap)`);
}

type Reacted<Command> =
  | {
      readonly commands: { targetId: string; planned: PlannedCommand<Command> }[];
      readonly rejected: boolean;
    }
  | { readonly error: unknown };

function commandsOf<Event extends DomainEvent, Command>(
  reactor: Reactor<Event, Command>,
  sourceId: string,
  envelope: EventEnvelope<Event>,
): Reacted<Command> {
  let reactions;
  try {
    reactions = reactor.react(envelope);
  } catch (error) {
    // A domain refusal is an answer, as when the target refuses a command: counted, not parked.
    if (isDomainRejection(error)) return { commands: [], rejected: true };
    return { error };
  }
  const commands = reactions.map((reaction, index) => ({
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
  return { commands, rejected: false };
}

function append<Key, Value>(map: Map<Key, Value[]>, key: Key, value: Value): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
