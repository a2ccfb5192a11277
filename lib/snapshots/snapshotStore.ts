/**
 * A read-model document with the aggregate version of the last event folded into it. The version
 * is what makes projections idempotent: an event at or below it has already been applied.
 */
export interface Snapshot<Doc> {
  readonly id: string;
  readonly version: number;
  readonly doc: Doc;
  /** The time of the last event folded in (its ce_time): how fresh the document is. */
  readonly lastEventAt?: string;
}

/** A page request on a secondary index (string key attributes). */
export interface SnapshotQuery {
  readonly index: string;
  readonly partitionKey: { readonly name: string; readonly value: string };
  /** At most one of `beginsWith` and `equals`; neither only names the attribute. */
  readonly sortKey?: { readonly name: string; readonly beginsWith?: string; readonly equals?: string };
  readonly limit: number;
  /** `nextCursor` of the previous page; opaque to callers. */
  readonly cursor?: string;
  /** Ascending sort key order unless false. */
  readonly scanForward?: boolean;
}

export interface SnapshotPage<Doc> {
  readonly items: Snapshot<Doc>[];
  /** Present when there may be more items (DynamoDB can return it with an empty next page). */
  readonly nextCursor?: string;
}

/**
 * The port through which projections write read models and queries read them.
 * Adapters: {@link createDynamoSnapshotStore} (DynamoDB) and {@link InMemorySnapshotStore} (tests).
 *
 * @example
 * const stored = await store.get('account-1');
 * const written = await store.put({ id: 'account-1', version: 4, doc }, stored?.version ?? 0);
 * if (!written) throw new Error('someone else moved the snapshot on: retry');
 */
export interface SnapshotStore<Doc> {
  /** Eventually consistent unless `consistent` (twice the read cost, sees every completed write). */
  get(id: string, options?: { consistent?: boolean }): Promise<Snapshot<Doc> | undefined>;
  /** The snapshots that exist among `ids` (duplicates allowed), keyed by id. */
  getMany(ids: readonly string[], options?: { consistent?: boolean }): Promise<Map<string, Snapshot<Doc>>>;
  /**
   * Writes the snapshot if the stored one is at `expectedVersion` (0: none may exist).
   * Resolves false when that condition failed; rejects on any other failure.
   */
  put(snapshot: Snapshot<Doc>, expectedVersion: number): Promise<boolean>;
  query(options: SnapshotQuery): Promise<SnapshotPage<Doc>>;
}
