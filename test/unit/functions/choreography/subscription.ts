import type { DomainEvent } from '../../../../lib/domain/decider';
import { isDomainRejection } from '../../../../lib/errors/domainErrors';
import type { Reactor } from '../../../../lib/reactors/reactor';
import type { Aggregates } from './aggregates';

/**
 * A reactor between two services' aggregates, with the framework's delivery guarantees and no
 * more: each source aggregate's events are handled strictly in order (a high-water mark per
 * source aggregate), while different source aggregates (different partitions) may go in any order.
 */
export interface Subscription {
  readonly name: string;
  /** Source aggregates with events not handled yet. */
  pending(): string[];
  /** Handles the next event of one source aggregate. */
  deliver(sourceId: string): void;
  /** Handles an already handled event again, as a redelivery after a crash would. */
  redeliver(index: number): void;
  handledCount(): number;
  /** Commands the target rejected for a domain reason (counted and skipped, as the framework does). */
  readonly rejected: string[];
}

export function subscribe<Event extends DomainEvent, Command>(
  reactor: Reactor<Event, Command>,
  source: Aggregates<unknown, Event, unknown>,
  target: Aggregates<Command, DomainEvent, unknown>,
): Subscription {
  const marks = new Map<string, number>();
  const handled: number[] = [];
  const rejected: string[] = [];
  const nextIndex = (sourceId: string) =>
    source.topic.findIndex(
      (e) => e.aggregateId === sourceId && e.aggregateVersion === (marks.get(sourceId) ?? 0) + 1,
    );
  const handle = (index: number) => {
    const envelope = source.topic[index]!;
    for (const [n, { aggregateId, command }] of reactor.react(envelope).entries()) {
      const metadata = {
        now: envelope.time,
        commandId: `${reactor.name}/${envelope.id}/${n}`,
        correlationId: envelope.correlationId,
        causationId: envelope.id,
      };
      try {
        target.execute(aggregateId, command, metadata);
      } catch (error) {
        if (!isDomainRejection(error)) throw error;
        rejected.push(`${envelope.id}: ${error.message}`);
      }
    }
  };
  return {
    name: reactor.name,
    rejected,
    pending: () => [...new Set(source.topic.map((e) => e.aggregateId))].filter((id) => nextIndex(id) >= 0),
    deliver: (sourceId) => {
      const index = nextIndex(sourceId);
      if (index < 0) throw new Error(`${reactor.name}: nothing pending for ${sourceId}`);
      handle(index);
      marks.set(sourceId, source.topic[index]!.aggregateVersion);
      handled.push(index);
    },
    redeliver: (n) => handle(handled[n % handled.length]!),
    handledCount: () => handled.length,
  };
}
