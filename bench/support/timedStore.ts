import type { SnapshotStore } from '../../lib/snapshots/snapshotStore';
import { nowMs } from '../stats';

/** Wall time spent in a store's batch calls: where a rebuild waits on DynamoDB. */
export interface StoreTimes {
  /** In `getMany` (the consistent BatchGetItems of each batch's snapshots). */
  readMs: number;
  /** In `putMany` (the BatchWriteItems of a bulk rebuild). */
  writeMs: number;
}

/** `store` with the time of its `getMany` and `putMany` calls added up in `times`. */
export function timedStore<Doc>(store: SnapshotStore<Doc>): { store: SnapshotStore<Doc>; times: StoreTimes } {
  const times: StoreTimes = { readMs: 0, writeMs: 0 };
  const timed = async <T>(key: keyof StoreTimes, call: () => Promise<T>): Promise<T> => {
    const started = nowMs();
    try {
      return await call();
    } finally {
      times[key] += nowMs() - started;
    }
  };
  return {
    times,
    store: {
      get: (id, options) => store.get(id, options),
      getMany: (ids, options) => timed('readMs', () => store.getMany(ids, options)),
      put: (snapshot, expected, condition) => store.put(snapshot, expected, condition),
      putMany: (snapshots) => timed('writeMs', () => store.putMany(snapshots)),
      query: (options) => store.query(options),
    },
  };
}
