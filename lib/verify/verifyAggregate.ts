import type { Decider, DomainEvent } from '../domain/decider';
import type { EntityStore } from '../entities/entityStore';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import type { HeadStore } from '../heads/headStore';
import type { EventHistory } from '../history/eventHistory';
import type { Projection } from '../projections/projection';
import type { SnapshotStore } from '../snapshots/snapshotStore';
import { sameJson } from './sameJson';

/** What an aggregate is checked against: its log, and everything derived from it. */
export interface VerifySources<Command, Event extends DomainEvent, State, Doc> {
  readonly decider: Decider<Command, Event, State>;
  readonly history: EventHistory<Event>;
  readonly heads: HeadStore<State>;
  readonly entities?: EntityStore;
  readonly projection?: Projection<Doc, Event>;
  readonly views?: SnapshotStore<Doc>;
}

/** One disagreement between the log and a store derived from it. */
export interface Mismatch {
  readonly aggregateId: string;
  readonly where: 'log' | 'head' | 'entity' | 'view';
  readonly detail: string;
}

export interface AggregateCheck {
  readonly events: number;
  readonly mismatches: Mismatch[];
  /** The head has events in its outbox the log does not hold yet: not a mismatch, but not checked. */
  readonly pending: boolean;
}

/**
 * Folds one aggregate from the log and compares: the decider's state with its head (and each
 * entity with the entity store), the projection's document and version with the read model. The
 * log is the truth; anything else that disagrees is a mismatch, named.
 *
 * @example
 * const { mismatches } = await verifyAggregate({ decider, history, heads, projection, views }, 'o-1');
 */
export async function verifyAggregate<Command, Event extends DomainEvent, State, Doc>(
  sources: VerifySources<Command, Event, State, Doc>,
  aggregateId: string,
): Promise<AggregateCheck> {
  const head = await sources.heads.read(aggregateId);
  const envelopes = await allEvents(sources.history, aggregateId);
  const logged = envelopes.length;
  const mismatches: Mismatch[] = [];
  const mismatch: Report = (where, detail) => mismatches.push({ aggregateId, where, detail });
  const pending = !!head && logged < head.version && head.pending.length > 0;
  if (head && logged !== head.version && !pending) {
    mismatch('log', `the head is at version ${head.version}, the log at ${logged}`);
  }
  if (head && logged === head.version) await checkHead(sources, head, envelopes, mismatch);
  if (sources.projection && sources.views) await checkView(sources, aggregateId, envelopes, mismatch);
  return { events: logged, mismatches, pending };
}

async function allEvents<Event extends DomainEvent>(
  history: EventHistory<Event>,
  aggregateId: string,
): Promise<readonly EventEnvelope<Event>[]> {
  const logged = (await history.latest(aggregateId))?.version ?? 0;
  return logged > 0 ? history.range(aggregateId, 1, logged) : [];
}

type Report = (where: Mismatch['where'], detail: string) => void;

async function checkHead<Command, Event extends DomainEvent, State, Doc>(
  sources: VerifySources<Command, Event, State, Doc>,
  head: { id: string; state: State; pendingEntities: readonly { key: string; value: unknown }[] },
  envelopes: readonly EventEnvelope<Event>[],
  mismatch: Report,
): Promise<void> {
  const { decider } = sources;
  const folded = envelopes.reduce(
    (state, envelope) => decider.evolve(state, envelope.event),
    decider.initialState,
  );
  const field = decider.entities?.field;
  const core = field ? { ...folded, [field]: {} } : folded;
  if (!sameJson(core, head.state)) {
    mismatch('head', `state ${JSON.stringify(head.state)}, folded from the log ${JSON.stringify(core)}`);
  }
  if (!field || !sources.entities) return;
  const entities = ((folded as Record<string, unknown>)[field] ?? {}) as Record<string, unknown>;
  await checkEntities(sources.entities, head, entities, mismatch);
}

/** Each entity the log folds to, against the head's outbox first and then the entity store. */
async function checkEntities(
  store: EntityStore,
  head: { id: string; pendingEntities: readonly { key: string; value: unknown }[] },
  entities: Record<string, unknown>,
  mismatch: Report,
): Promise<void> {
  const keys = Object.keys(entities);
  for (let start = 0; start < keys.length; start += 100) {
    const chunk = keys.slice(start, start + 100);
    const stored = await store.getMany(head.id, chunk);
    for (const key of chunk) {
      const value =
        head.pendingEntities.find((entity) => entity.key === key)?.value ?? stored.get(key)?.value;
      if (!sameJson(value, entities[key])) {
        mismatch(
          'entity',
          `${key}: stored ${JSON.stringify(value)}, folded ${JSON.stringify(entities[key])}`,
        );
      }
    }
  }
}

async function checkView<Command, Event extends DomainEvent, State, Doc>(
  sources: VerifySources<Command, Event, State, Doc>,
  aggregateId: string,
  envelopes: readonly EventEnvelope<Event>[],
  mismatch: Report,
): Promise<void> {
  const projection = sources.projection!;
  const stored = await sources.views!.get(aggregateId, { consistent: true });
  if (envelopes.length === 0) {
    if (stored) mismatch('view', `a document at version ${stored.version} for an aggregate with no events`);
    return;
  }
  const doc = envelopes.reduce<Doc | undefined>(
    (state, envelope) => projection.evolve(state, envelope),
    undefined,
  );
  if (!stored) return mismatch('view', `no document; the log is at version ${envelopes.length}`);
  if (stored.version !== envelopes.length) {
    mismatch('view', `the document is at version ${stored.version}, the log at ${envelopes.length}`);
  } else if (!sameJson(stored.doc, doc)) {
    mismatch('view', `document ${JSON.stringify(stored.doc)}, folded from the log ${JSON.stringify(doc)}`);
  }
}
