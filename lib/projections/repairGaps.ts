import type { DomainEvent } from '../domain/decider';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import type { EventHistory } from '../history/eventHistory';
import type { Snapshot } from '../snapshots/snapshotStore';
import { foldAggregate, type AggregateFold } from './foldAggregate';
import { mapWithConcurrency } from './mapWithConcurrency';
import type { Projection } from './projection';

// A batch can hold several gaps of one aggregate (two failed batches before it): fill each in turn.
const MAX_REPAIRS = 4;

/**
 * Fills version gaps from the log: an aggregate whose batch starts past its stored version (an
 * earlier batch failed, or went to the failure topic) has the missing versions read back and
 * folded before the batch's own. What cannot be read back yet (the index is behind) stays a gap,
 * and the batch is retried for it; every other aggregate is unaffected.
 */
export async function repairGaps<Doc, Event extends DomainEvent>(
  projection: Pick<Projection<Doc, Event>, 'evolve'>,
  history: EventHistory<Event> | undefined,
  folds: readonly AggregateFold<Doc>[],
  context: { stored: Map<string, Snapshot<Doc>>; envelopes: Map<string, EventEnvelope<Event>[]> },
): Promise<{ folds: AggregateFold<Doc>[]; repaired: number }> {
  if (!history) return { folds: [...folds], repaired: 0 };
  let repaired = 0;
  const outcomes = await mapWithConcurrency(folds, 8, async (fold) => {
    let current = fold;
    const read: EventEnvelope<Event>[] = [];
    for (let round = 0; round < MAX_REPAIRS && current.blocked?.found !== undefined; round += 1) {
      const { expected, found } = current.blocked;
      read.push(...(await history.range(fold.id, expected, found - 1)));
      const batch = context.envelopes.get(fold.id) ?? [];
      current = foldAggregate(projection, fold.id, context.stored.get(fold.id), [...read, ...batch]);
    }
    repaired += read.length;
    return current;
  });
  // A repair that failed (index behind, Kafka unreachable) leaves the fold as it was: a gap.
  return {
    folds: outcomes.map((outcome, index) => (outcome.status === 'fulfilled' ? outcome.value : folds[index]!)),
    repaired,
  };
}
