import type { EntityStore, StoredEntity } from './entityStore';

/** An entity store in memory with the same version rule, for unit tests. */
export class InMemoryEntityStore implements EntityStore {
  private readonly byAggregate = new Map<string, Map<string, StoredEntity>>();
  /** Reads; writes applied; writes refused because a same or later version was stored. */
  readonly counts = { reads: 0, puts: 0, stale: 0 };

  getMany(aggregateId: string, keys: readonly string[]): Promise<Map<string, StoredEntity>> {
    this.counts.reads += 1;
    const stored = this.of(aggregateId);
    const found = new Map<string, StoredEntity>();
    for (const key of keys) {
      const entity = stored.get(key);
      if (entity) found.set(key, entity);
    }
    return Promise.resolve(found);
  }

  putMany(aggregateId: string, entities: readonly StoredEntity[]): Promise<void> {
    let stored = this.byAggregate.get(aggregateId);
    if (!stored) this.byAggregate.set(aggregateId, (stored = new Map<string, StoredEntity>()));
    for (const entity of entities) {
      if ((stored.get(entity.key)?.version ?? 0) >= entity.version) {
        this.counts.stale += 1;
        continue;
      }
      stored.set(entity.key, structuredClone(entity));
      this.counts.puts += 1;
    }
    return Promise.resolve();
  }

  /** Every stored entity of one aggregate, by key (copies). */
  of(aggregateId: string): Map<string, StoredEntity> {
    const stored = this.byAggregate.get(aggregateId) ?? new Map<string, StoredEntity>();
    return new Map([...stored].map(([key, entity]) => [key, structuredClone(entity)]));
  }
}
