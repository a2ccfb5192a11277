import type {
  PutCondition,
  Snapshot,
  SnapshotPage,
  SnapshotQuery,
  SnapshotStore,
} from '../snapshots/snapshotStore';

/**
 * A {@link SnapshotStore} on whichever table is live: every call first resolves the live table
 * (cached: {@link cachedVersions}) and goes to the store on it. What queries read through, so a
 * cutover needs no deployment.
 *
 * @example
 * const views = new LiveSnapshotStore({ table: live, storeOn: (name) => new DynamoSnapshotStore({ client, tableName: name }) });
 */
export class LiveSnapshotStore<Doc> implements SnapshotStore<Doc> {
  private readonly stores = new Map<string, SnapshotStore<Doc>>();

  constructor(
    private readonly options: {
      readonly table: () => Promise<string>;
      readonly storeOn: (table: string) => SnapshotStore<Doc>;
    },
  ) {}

  async get(id: string, options?: { consistent?: boolean }): Promise<Snapshot<Doc> | undefined> {
    return (await this.store()).get(id, options);
  }

  async getMany(
    ids: readonly string[],
    options?: { consistent?: boolean },
  ): Promise<Map<string, Snapshot<Doc>>> {
    return (await this.store()).getMany(ids, options);
  }

  async put(snapshot: Snapshot<Doc>, expectedVersion: number, condition?: PutCondition): Promise<boolean> {
    return (await this.store()).put(snapshot, expectedVersion, condition);
  }

  async putMany(snapshots: readonly Snapshot<Doc>[]): Promise<void> {
    return (await this.store()).putMany(snapshots);
  }

  async query(options: SnapshotQuery): Promise<SnapshotPage<Doc>> {
    return (await this.store()).query(options);
  }

  private async store(): Promise<SnapshotStore<Doc>> {
    const table = await this.options.table();
    let store = this.stores.get(table);
    if (!store) {
      store = this.options.storeOn(table);
      this.stores.set(table, store);
    }
    return store;
  }
}
