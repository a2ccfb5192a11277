import type { DomainEvent } from '../domain/decider';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import type { EventHistory } from '../history/eventHistory';
import { mapWithConcurrency } from '../projections/mapWithConcurrency';

/**
 * The batch's events per source aggregate with version gaps filled from the log: a source whose
 * first new event is past its checkpoint + 1 (an earlier batch failed, or is on the failure topic)
 * gets the missing events read back, so they are reacted to, in order, now. A gap the log cannot
 * fill yet is left: that source fails and the batch is retried.
 */
export async function fillSourceGaps<Event extends DomainEvent>(
  history: EventHistory<Event> | undefined,
  sources: ReadonlyMap<string, readonly EventEnvelope<Event>[]>,
  marks: ReadonlyMap<string, number>,
): Promise<{ sources: Map<string, EventEnvelope<Event>[]>; repaired: number }> {
  const filled = new Map([...sources].map(([id, envelopes]) => [id, [...envelopes]]));
  if (!history) return { sources: filled, repaired: 0 };
  let repaired = 0;
  const gapped = [...filled].flatMap(([id, envelopes]) => {
    const mark = marks.get(id) ?? 0;
    const first = Math.min(
      ...envelopes.filter((e) => e.aggregateVersion > mark).map((e) => e.aggregateVersion),
    );
    return Number.isFinite(first) && first > mark + 1 ? [{ id, from: mark + 1, to: first - 1 }] : [];
  });
  // Settled one by one: a source whose events cannot be read back yet keeps its gap alone.
  await mapWithConcurrency(gapped, 8, async ({ id, from, to }) => {
    const missing = await history.range(id, from, to);
    filled.set(
      id,
      [...missing, ...(filled.get(id) ?? [])].sort((a, b) => a.aggregateVersion - b.aggregateVersion),
    );
    repaired += missing.length;
  });
  return { sources: filled, repaired };
}
