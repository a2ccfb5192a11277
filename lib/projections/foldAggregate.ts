import type { DomainEvent } from '../domain/decider';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import type { Snapshot } from '../snapshots/snapshotStore';
import type { Projection } from './projection';

/** The outcome of folding one aggregate's envelopes of a batch onto its stored snapshot. */
export interface AggregateFold<Doc> {
  readonly id: string;
  /** The stored version the fold started from (0: no snapshot yet); the put's expected version. */
  readonly from: number;
  /** The snapshot to write; present only when at least one event was applied. */
  readonly next?: Snapshot<Doc>;
  readonly applied: number;
  readonly skipped: number;
  /** The fold stopped here: the next version was missing, or `evolve` threw. */
  readonly blocked?: { readonly expected: number; readonly found?: number; readonly error?: unknown };
}

/**
 * Folds envelopes onto a snapshot. Versions decide, not arrival order: envelopes are taken in
 * version order (stable, so of two copies of a version the first wins), those at or below the
 * current version are skipped (duplicates, redeliveries, republished events) and version n+1 is
 * applied. Anything higher is a gap, where the fold stops: what was applied before it stays valid.
 *
 * @example
 * const fold = foldAggregate(projection, 'account-1', stored, envelopes);
 * if (fold.next) await store.put(fold.next, fold.from);
 */
export function foldAggregate<Doc, Event extends DomainEvent>(
  projection: Pick<Projection<Doc, Event>, 'evolve'>,
  id: string,
  stored: Snapshot<Doc> | undefined,
  envelopes: readonly EventEnvelope<Event>[],
): AggregateFold<Doc> {
  const from = stored?.version ?? 0;
  let doc = stored?.doc;
  let version = from;
  let lastEventAt = stored?.lastEventAt;
  let skipped = 0;
  let blocked: AggregateFold<Doc>['blocked'];
  for (const envelope of [...envelopes].sort((a, b) => a.aggregateVersion - b.aggregateVersion)) {
    if (envelope.aggregateVersion <= version) {
      skipped += 1;
      continue;
    }
    if (envelope.aggregateVersion > version + 1) {
      blocked = { expected: version + 1, found: envelope.aggregateVersion };
      break;
    }
    try {
      doc = projection.evolve(doc, envelope);
      lastEventAt = envelope.time;
    } catch (error) {
      // A pure evolve fails the same way every time; the aggregate waits for a fixed deployment.
      blocked = { expected: version + 1, error };
      break;
    }
    version += 1;
  }
  const applied = version - from;
  return {
    id,
    from,
    applied,
    skipped,
    ...(applied > 0
      ? { next: { id, version, doc: doc as Doc, ...(lastEventAt ? { lastEventAt } : {}) } }
      : {}),
    ...(blocked ? { blocked } : {}),
  };
}
