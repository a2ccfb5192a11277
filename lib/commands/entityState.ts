import type { Decider, DeciderEntities, DomainEvent } from '../domain/decider';
import type { EntityStore, StoredEntity } from '../entities/entityStore';
import type { AggregateHead } from '../heads/headStore';

type Entries = Readonly<Record<string, unknown>>;

/** The state a command decides on, and the entities it was given (to tell later what changed). */
export interface LoadedState<State> {
  readonly state: State;
  readonly loaded: Entries;
}

/** The distinct entity keys that a set of commands name; malformed keys are dropped (see `keysOf`). */
export function entityKeysOf<Command>(
  entities: DeciderEntities<Command>,
  commands: readonly Command[],
): string[] {
  const keys = commands.flatMap((command) => entities.keysOf(command) as readonly unknown[]);
  return [...new Set(keys.filter((key): key is string => typeof key === 'string' && key.length > 0))];
}

/**
 * The head's state with the named entities filled in. The head is read first, then the store: an
 * entity still in the head's outbox is newer than, or the same as, the stored one; one that left
 * the outbox was stored before it left (docs/PROTOCOL.md, "Entities").
 */
export async function loadState<Command, Event extends DomainEvent, State>(
  options: { readonly decider: Decider<Command, Event, State>; readonly entities?: EntityStore | undefined },
  aggregateId: string,
  head: AggregateHead<State> | undefined,
  commands: readonly Command[],
): Promise<LoadedState<State>> {
  const state = head?.state ?? options.decider.initialState;
  const declared = options.decider.entities;
  if (!declared || !options.entities) return { state, loaded: {} };
  const keys = entityKeysOf(declared, commands);
  const pending = new Map((head?.pendingEntities ?? []).map((entity) => [entity.key, entity]));
  const missing = keys.filter((key) => !pending.has(key));
  const stored =
    missing.length > 0
      ? await options.entities.getMany(aggregateId, missing)
      : new Map<string, StoredEntity>();
  const loaded: Record<string, unknown> = {};
  for (const key of keys) {
    const entity = pending.get(key) ?? stored.get(key);
    // A computed key defines an own property even for `__proto__`, so any key is a safe key.
    if (entity) Object.defineProperty(loaded, key, { value: entity.value, enumerable: true, writable: true });
  }
  return { state: { ...state, [declared.field]: loaded }, loaded };
}

/**
 * Splits the state after a batch into what the head keeps (the entity field emptied) and the
 * entities that changed, stamped with `version`. Entities are never removed: a decider that
 * drops one is a bug, refused before anything is written.
 */
export function splitEntities<Command, State>(
  entities: DeciderEntities<Command> | undefined,
  loaded: Entries,
  next: State,
  version: number,
): { state: State; changed: StoredEntity[] } {
  if (!entities) return { state: next, changed: [] };
  const after = ((next as Record<string, unknown>)[entities.field] ?? {}) as Entries;
  const dropped = Object.keys(loaded).filter((key) => !Object.hasOwn(after, key));
  if (dropped.length > 0) {
    throw new Error(
      `entities cannot be removed, but ${dropped.join(', ')} disappeared from ${entities.field}`,
    );
  }
  const changed = Object.entries(after)
    .filter(
      ([key, value]) => !Object.hasOwn(loaded, key) || JSON.stringify(loaded[key]) !== JSON.stringify(value),
    )
    .map(([key, value]) => ({ key, version, value }));
  return { state: { ...next, [entities.field]: {} }, changed };
}

/** The outbox's entities after adding `later`: one per key, the latest decision winning. */
export function mergeEntities(
  earlier: readonly StoredEntity[],
  later: readonly StoredEntity[],
): StoredEntity[] {
  const byKey = new Map(earlier.map((entity) => [entity.key, entity]));
  for (const entity of later) byKey.set(entity.key, entity);
  return [...byKey.values()];
}
