/**
 * One entity of an aggregate as stored beside its head. `version` is the aggregate version of the
 * command that decided this value: a write never replaces a value of the same or a later version,
 * so a late, repeated flush cannot bring an older value back.
 */
export interface StoredEntity {
  readonly key: string;
  readonly version: number;
  readonly value: unknown;
}

/**
 * Port to the entities of aggregates (see `DeciderEntities` in lib/domain). The command handler is
 * its only writer: it reads the head first, then the entities a command names, and it writes an
 * entity only after the head that decided it was written, before it clears it from the head's
 * outbox — docs/PROTOCOL.md ("Entities") explains why that order makes every read see the latest
 * decided value. Adapters: {@link DynamoEntityStore}, {@link InMemoryEntityStore}.
 *
 * @example
 * const found = await entities.getMany('sku-1', ['ord-1', 'ord-2']);
 * await entities.putMany('sku-1', [{ key: 'ord-3', version: 42, value: { quantity: 1 } }]);
 */
export interface EntityStore {
  /** A strongly consistent read of those of `keys` that exist, by key. */
  getMany(aggregateId: string, keys: readonly string[]): Promise<Map<string, StoredEntity>>;
  /** Stores each entity unless the stored one has the same or a later version. */
  putMany(aggregateId: string, entities: readonly StoredEntity[]): Promise<void>;
}
