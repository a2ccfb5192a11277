import type { TableDefinition } from '../dynamodb/tableDefinition';

/**
 * Attribute names of the snapshot table. Documents are stored top-level next to these (so that
 * secondary indexes can key on document fields), which is why documents may not use them.
 */
export const SnapshotKeys = {
  id: 'id',
  version: 'version',
  lastEventAt: 'lastEventAt',
  parked: 'parked',
} as const;

const RESERVED: readonly string[] = Object.values(SnapshotKeys);

/** A global secondary index over document attributes (string-typed, except `version`). */
export interface SnapshotIndex {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
}

/**
 * The snapshot table for the given indexes: infra (CloudFormation) and the local runtime both
 * build the table from this, so its schema and the adapter cannot drift apart.
 *
 * @example
 * const definition = snapshotTableDefinition([{ name: 'by-owner', partitionKey: 'owner', sortKey: 'openedAt' }]);
 * await ensureTable(client, 'accounts', definition);
 */
export function snapshotTableDefinition(indexes: readonly SnapshotIndex[] = []): TableDefinition {
  const names = new Set<string>([SnapshotKeys.id]);
  for (const index of indexes) {
    names.add(index.partitionKey);
    if (index.sortKey) names.add(index.sortKey);
  }
  return {
    attributes: [...names].map((name) => ({ name, type: name === SnapshotKeys.version ? 'N' : 'S' })),
    partitionKey: SnapshotKeys.id,
    indexes: indexes.map((index) => ({ ...index })),
  };
}

/**
 * Checks the shape both adapters enforce: a plain-object document without reserved keys, and a
 * version that moves forward. Throws: each is a bug in the projection, never a data problem.
 */
export function assertWritable(
  snapshot: { id: string; version: number; doc: unknown; parked?: unknown },
  expected: number,
): void {
  const { id, version, doc } = snapshot;
  if (typeof id !== 'string' || id.length === 0) throw new Error('snapshot id must be a non-empty string');
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new Error(`snapshot ${id}: the document must be an object`);
  }
  const clash = RESERVED.filter((key) => Object.hasOwn(doc, key));
  if (clash.length > 0) {
    throw new Error(
      `snapshot ${id}: document keys ${clash.join(', ')} are reserved for the table key and version`,
    );
  }
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new Error(`snapshot ${id}: expected version ${expected} is not a non-negative integer`);
  }
  // Parking (or redriving) changes the mark without moving the version.
  const least = snapshot.parked === undefined ? expected + 1 : expected;
  if (!Number.isSafeInteger(version) || version < least) {
    throw new Error(`snapshot ${id}: version ${version} must be an integer above the expected ${expected}`);
  }
}
