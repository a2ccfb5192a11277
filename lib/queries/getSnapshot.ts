import { AppError, ErrorKind } from '../errors/appError';
import type { Snapshot, SnapshotStore } from '../snapshots/snapshotStore';

export interface GetSnapshotOptions {
  /** Read your writes: the version a command answered with; wait until the snapshot reaches it. */
  readonly minVersion?: number;
  /** How long to wait for `minVersion` (default 2000 ms); keep well inside the API's 30 s. */
  readonly maxWaitMs?: number;
}

export interface VisibilityOption<Doc> {
  /**
   * Whether the caller may see this snapshot (e.g. `mayAccess` of lib/auth on its owner). One it may
   * not see is treated exactly as a missing one — undefined, or waited for under `minVersion` — so
   * that nothing tells someone else's order from an order that does not exist.
   */
  readonly visible?: (snapshot: Snapshot<Doc>) => boolean;
}

const FIRST_DELAY_MS = 25;
const MAX_DELAY_MS = 250;

/**
 * Reads one snapshot; undefined when it does not exist (the caller answers 404).
 *
 * With `minVersion`, the snapshot must have caught up with a write the caller made: projections
 * apply events a moment after the command returns, so a client that just wrote would otherwise
 * read its old state. While the snapshot is behind, it is re-read with consistent reads (an
 * eventually consistent read can lag the projection's own write) after a short, growing pause,
 * until `maxWaitMs` passes; then an AppError `unavailable` (503, Retry-After: 1) says how far it is.
 *
 * @example
 * const snapshot = await getSnapshot(store, id, { minVersion: Number(query.minVersion) });
 * if (!snapshot) throw notFound('account', id);
 */
export async function getSnapshot<Doc>(
  store: SnapshotStore<Doc>,
  id: string,
  options: GetSnapshotOptions & VisibilityOption<Doc> = {},
): Promise<Snapshot<Doc> | undefined> {
  const { minVersion, maxWaitMs = 2000, visible } = options;
  const read = async (consistent: boolean) => {
    const found = await (consistent ? store.get(id, { consistent }) : store.get(id));
    return found && (!visible || visible(found)) ? found : undefined;
  };
  if (minVersion === undefined) return read(false);
  checkMinVersion(minVersion);
  const deadline = Date.now() + maxWaitMs;
  let snapshot = await read(true);
  for (
    let delay = FIRST_DELAY_MS;
    !reached(snapshot, minVersion);
    delay = Math.min(delay * 2, MAX_DELAY_MS)
  ) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw behind(id, snapshot, minVersion);
    await sleep(Math.min(delay, remaining));
    snapshot = await read(true);
  }
  return snapshot;
}

const reached = (snapshot: Snapshot<unknown> | undefined, minVersion: number) =>
  (snapshot?.version ?? 0) >= minVersion;

function checkMinVersion(minVersion: number): void {
  if (Number.isSafeInteger(minVersion) && minVersion >= 0) return;
  const message = 'minVersion must be a non-negative integer';
  throw new AppError(ErrorKind.Validation, message, { issues: [{ field: 'minVersion', message }] });
}

function behind(id: string, snapshot: Snapshot<unknown> | undefined, minVersion: number): AppError {
  const version = snapshot?.version ?? 0;
  return new AppError(
    ErrorKind.Unavailable,
    `${id} is at version ${version}, not yet ${minVersion}; retry shortly`,
    {
      retryAfterSeconds: 1,
      details: { id, version, minVersion },
    },
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
