import { mapWithConcurrency } from '../projections/mapWithConcurrency';
import type { ParkedMark, Snapshot, SnapshotStore } from '../snapshots/snapshotStore';

/**
 * Per reactor and source aggregate: the version of the last source event fully handled (the
 * snapshot's `version`), and, while the source is parked, its mark (the snapshot's `parked`).
 */
export interface ReactorCheckpoint {
  readonly reactor: string;
}

/** A checkpoint write: the version reached, and the parked mark it leaves (none: not parked). */
export interface CheckpointWrite {
  readonly sourceId: string;
  readonly version: number;
  readonly parked?: ParkedMark;
  /** The stored version and the stored mark's `letters` (0: none) the write is conditional on. */
  readonly expectedVersion: number;
  readonly parkedLetters: number;
}

/**
 * The checkpoint item id of a reactor's source aggregate: `<reactor>|<source aggregate id>`.
 *
 * @example
 * await checkpoints.get(checkpointId('inventory-on-order', 'ord-1'), { consistent: true });
 */
export function checkpointId(reactor: string, sourceAggregateId: string): string {
  return `${reactor}|${sourceAggregateId}`;
}

/**
 * The stored checkpoints of the given source aggregates, keyed by source id. Consistent, so a
 * retried batch sees its own earlier writes.
 *
 * @example
 * const stored = await readCheckpoints(checkpoints, 'inventory-on-order', ['ord-1', 'ord-2']);
 */
export async function readCheckpoints(
  store: SnapshotStore<ReactorCheckpoint>,
  reactor: string,
  sourceIds: readonly string[],
): Promise<Map<string, Snapshot<ReactorCheckpoint>>> {
  if (sourceIds.length === 0) return new Map();
  const ids = sourceIds.map((id) => checkpointId(reactor, id));
  const stored = await store.getMany(ids, { consistent: true });
  return new Map(
    sourceIds.flatMap((id, index) => {
      const snapshot = stored.get(ids[index]!);
      return snapshot ? [[id, snapshot] as const] : [];
    }),
  );
}

/**
 * Writes checkpoints, each conditional on the version and the mark it read: a plain move never
 * overwrites a mark set meanwhile, and a mark never moves past letters it did not see. Settled one
 * by one; a source whose write failed or lost its condition is returned with why.
 *
 * @example
 * const failed = await writeCheckpoints(checkpoints, 'inventory-on-order', writes, 8);
 */
export async function writeCheckpoints(
  store: SnapshotStore<ReactorCheckpoint>,
  reactor: string,
  writes: readonly CheckpointWrite[],
  concurrency: number,
): Promise<Map<string, unknown>> {
  const outcomes = await mapWithConcurrency(writes, concurrency, async (write) => {
    const id = checkpointId(reactor, write.sourceId);
    const snapshot = {
      id,
      version: write.version,
      doc: { reactor },
      ...(write.parked ? { parked: write.parked } : {}),
    };
    const written = await store.put(snapshot, write.expectedVersion, { parkedLetters: write.parkedLetters });
    if (!written) throw new Error(`${id}: checkpoint moved concurrently`);
  });
  const failed = new Map<string, unknown>();
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'rejected') failed.set(writes[index]!.sourceId, outcome.reason);
  });
  return failed;
}
