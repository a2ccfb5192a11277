import { decodeCursor, encodeCursor, invalidCursor } from './cursor';
import type {
  ParkedMark,
  PutCondition,
  Snapshot,
  SnapshotPage,
  SnapshotQuery,
  SnapshotStore,
} from './snapshotStore';
import { type SnapshotIndex, SnapshotKeys, assertWritable } from './snapshotTable';

type Item = Record<string, unknown>;
type KeyValue = string | number;

/**
 * The in-memory adapter of {@link SnapshotStore}, for unit tests. It behaves like the DynamoDB one
 * where tests can tell: conditional puts, the same reserved keys, stored copies (a caller mutating
 * a document cannot change the store), sparse indexes, cursors. `writes` counts successful puts.
 *
 * @example
 * const store = new InMemorySnapshotStore<AccountDoc>([{ name: 'by-owner', partitionKey: 'owner' }]);
 */
export class InMemorySnapshotStore<Doc extends object> implements SnapshotStore<Doc> {
  /** Successful puts since creation. */
  writes = 0;
  private readonly items = new Map<string, Item>();
  private readonly indexes: Map<string, SnapshotIndex>;
  private failure: Error | undefined;

  constructor(indexes: readonly SnapshotIndex[] = []) {
    this.indexes = new Map(indexes.map((index) => [index.name, index]));
  }

  // Every read is consistent here; the options are accepted so tests can spy on what callers ask.
  get(id: string, _options?: { consistent?: boolean }): Promise<Snapshot<Doc> | undefined> {
    const item = this.items.get(id);
    return Promise.resolve(item ? fromItem<Doc>(item) : undefined);
  }

  getMany(ids: readonly string[], _options?: { consistent?: boolean }): Promise<Map<string, Snapshot<Doc>>> {
    const found = ids.flatMap((id) => {
      const item = this.items.get(id);
      return item ? [[id, fromItem<Doc>(item)] as const] : [];
    });
    return Promise.resolve(new Map(found));
  }

  put(snapshot: Snapshot<Doc>, expectedVersion: number, condition?: PutCondition): Promise<boolean> {
    return Promise.resolve().then(() => this.write(snapshot, expectedVersion, condition));
  }

  /** Unconditional, as the DynamoDB adapter's BatchWriteItem; a pending failNextPut fails it whole. */
  putMany(snapshots: readonly Snapshot<Doc>[]): Promise<void> {
    return Promise.resolve().then(() => {
      for (const snapshot of snapshots) assertWritable(snapshot, snapshot.version - 1);
      const failure = this.failure;
      this.failure = undefined;
      if (failure) throw failure;
      for (const snapshot of snapshots) this.items.set(snapshot.id, toItem(snapshot));
      this.writes += snapshots.length;
    });
  }

  /** Makes the next put reject with `error` (e.g. to simulate a crash part-way through a batch). */
  failNextPut(error = new Error('simulated DynamoDB failure')): void {
    this.failure = error;
  }

  query(options: SnapshotQuery): Promise<SnapshotPage<Doc>> {
    return Promise.resolve().then(() => this.page(options));
  }

  private write(snapshot: Snapshot<Doc>, expectedVersion: number, condition?: PutCondition): boolean {
    assertWritable(snapshot, expectedVersion);
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
    const current = this.items.get(snapshot.id);
    if (!conditionHolds(current, expectedVersion, condition)) return false;
    this.items.set(snapshot.id, toItem(snapshot));
    this.writes += 1;
    return true;
  }

  private page(options: SnapshotQuery): SnapshotPage<Doc> {
    const index = this.indexes.get(options.index);
    if (!index) throw new Error(`index ${options.index} is not defined on this store`);
    const sortName = index.sortKey;
    const position = (item: Item): [KeyValue, string] => [
      sortName ? (item[sortName] as KeyValue) : '',
      item[SnapshotKeys.id] as string,
    ];
    const direction = options.scanForward === false ? -1 : 1;
    const matching = [...this.items.values()]
      .filter((item) => inIndex(item, index) && matches(item, options))
      .sort((a, b) => direction * compare(position(a), position(b)));
    const after = options.cursor === undefined ? undefined : cursorPosition(options.cursor);
    const rest = after ? matching.filter((item) => direction * compare(position(item), after) > 0) : matching;
    const items = rest.slice(0, options.limit);
    const last = items.at(-1);
    const page = { items: items.map((item) => fromItem<Doc>(item)) };
    return last && rest.length > items.length
      ? { ...page, nextCursor: encodeCursor({ at: position(last) }) }
      : page;
  }
}

function conditionHolds(current: Item | undefined, expectedVersion: number, condition?: PutCondition) {
  if ((current?.[SnapshotKeys.version] ?? 0) !== expectedVersion) return false;
  // Without a parked condition, a version-0 item (a parked first event) exists: as DynamoDB's
  // attribute_not_exists(id) would, refuse to overwrite it.
  if (condition?.parkedLetters === undefined) return !(current && expectedVersion === 0);
  const letters = (current?.[SnapshotKeys.parked] as ParkedMark | undefined)?.letters ?? 0;
  return letters === condition.parkedLetters;
}

function toItem<Doc extends object>(snapshot: Snapshot<Doc>): Item {
  // A JSON round trip stores what DynamoDB would: undefined values dropped, no shared references.
  const doc = JSON.parse(JSON.stringify(snapshot.doc)) as Item;
  const at = snapshot.lastEventAt === undefined ? {} : { [SnapshotKeys.lastEventAt]: snapshot.lastEventAt };
  const parked = snapshot.parked === undefined ? {} : { [SnapshotKeys.parked]: { ...snapshot.parked } };
  return {
    ...doc,
    [SnapshotKeys.id]: snapshot.id,
    [SnapshotKeys.version]: snapshot.version,
    ...at,
    ...parked,
  };
}

function fromItem<Doc>(item: Item): Snapshot<Doc> {
  const {
    [SnapshotKeys.id]: id,
    [SnapshotKeys.version]: version,
    [SnapshotKeys.lastEventAt]: lastEventAt,
    [SnapshotKeys.parked]: parked,
    ...doc
  } = structuredClone(item);
  const at = typeof lastEventAt === 'string' ? { lastEventAt } : {};
  const mark = parked ? { parked: parked as ParkedMark } : {};
  return { id: id as string, version: version as number, doc: doc as Doc, ...at, ...mark };
}

const isKeyValue = (value: unknown): value is KeyValue =>
  typeof value === 'string' || typeof value === 'number';

// Like a GSI: an item appears only when it has every key attribute of the index.
function inIndex(item: Item, index: SnapshotIndex): boolean {
  return isKeyValue(item[index.partitionKey]) && (!index.sortKey || isKeyValue(item[index.sortKey]));
}

function matches(item: Item, options: SnapshotQuery): boolean {
  if (item[options.partitionKey.name] !== options.partitionKey.value) return false;
  const sortKey = options.sortKey;
  if (!sortKey) return true;
  const value = item[sortKey.name];
  if (sortKey.equals !== undefined) return value === sortKey.equals;
  return (
    sortKey.beginsWith === undefined || (typeof value === 'string' && value.startsWith(sortKey.beginsWith))
  );
}

function compare(a: [KeyValue, string], b: [KeyValue, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] === b[1] ? 0 : a[1] < b[1] ? -1 : 1;
}

function cursorPosition(cursor: string): [KeyValue, string] {
  const at = decodeCursor(cursor).at;
  if (!Array.isArray(at) || at.length !== 2 || !isKeyValue(at[0]) || typeof at[1] !== 'string') {
    throw invalidCursor();
  }
  return [at[0], at[1]];
}
