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
  /** Set while the aggregate is parked: its next events wait on the dead-letter topic. */
  readonly parked?: ParkedMark;
}

/**
 * Why an aggregate stopped at `version - 1` and what waits for it on the dead-letter topic: the
 * event that could not be folded (evolve threw, or it could not be decoded) and every later one.
 */
export interface ParkedMark {
  /** The first version parked (the one that failed); the snapshot stays at the one before. */
  readonly version: number;
  /** A stable code: `evolve_failed`, or the PoisonReason of an undecodable record. */
  readonly reason: string;
  readonly detail: string;
  /** When it was parked (ISO 8601, the projection's clock). */
  readonly since: string;
  /** Letters sent to the dead-letter topic so far: the revision a redrive writes against. */
  readonly letters: number;
  /** Where the last letter came from: a redelivered record at or before it is not sent again. */
  readonly through: { readonly topic: string; readonly partition: number; readonly offset: string };
}

/** Extra conditions of a put. */
export interface PutCondition {
  /** The parked mark's `letters` the stored snapshot must have (0: not parked). */
  readonly parkedLetters?: number;
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
  put(snapshot: Snapshot<Doc>, expectedVersion: number, condition?: PutCondition): Promise<boolean>;
  /**
   * Writes every snapshot unconditionally (last write wins). Only safe where the caller is the
   * table's only writer, i.e. a rebuild into an empty table with one writer per partition: there
   * no other writer can move a snapshot between the caller's consistent read and this write.
   */
  putMany(snapshots: readonly Snapshot<Doc>[]): Promise<void>;
  query(options: SnapshotQuery): Promise<SnapshotPage<Doc>>;
}
