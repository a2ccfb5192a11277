import { AppError, ErrorKind } from '../errors/appError';
import type { SnapshotPage, SnapshotQuery, SnapshotStore } from '../snapshots/snapshotStore';

/** The largest page a caller may ask for: keeps a response far below API Gateway's 6 MB. */
export const MAX_PAGE_SIZE = 100;

/**
 * One page of snapshots from a secondary index, after checking the page size (1–100; AppError
 * `validation` on `query.limit` otherwise). A malformed cursor is a validation error too.
 *
 * @example
 * const page = await listSnapshots(store, {
 *   index: 'by-owner', partitionKey: { name: 'owner', value: owner }, limit: 20, cursor: query.cursor,
 * });
 */
export async function listSnapshots<Doc>(
  store: SnapshotStore<Doc>,
  query: SnapshotQuery,
): Promise<SnapshotPage<Doc>> {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_PAGE_SIZE) {
    const message = `limit must be an integer from 1 to ${MAX_PAGE_SIZE}`;
    throw new AppError(ErrorKind.Validation, message, { issues: [{ field: 'query.limit', message }] });
  }
  return store.query(query);
}
