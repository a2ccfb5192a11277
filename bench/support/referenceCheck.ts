import type { MSKEvent } from 'aws-lambda';
import { InMemoryDeadLetterSink } from '../../lib/deadLetter/inMemoryDeadLetterSink';
import { createProjectionHandler } from '../../lib/projections/projectionHandler';
import type { Projection } from '../../lib/projections/projection';
import type { DomainEvent } from '../../lib/domain/decider';
import { InMemorySnapshotStore } from '../../lib/snapshots/inMemorySnapshotStore';
import type { SnapshotStore } from '../../lib/snapshots/snapshotStore';

export interface ReferenceCheckOptions<Doc extends object, Event extends DomainEvent> {
  readonly projection: Projection<Doc, Event>;
  /** The table the rebuild wrote. */
  readonly rebuilt: SnapshotStore<Doc>;
  /** Feeds the handler the topic the rebuild read, from offset 0, the same records. */
  readonly replay: (handler: (event: MSKEvent) => Promise<unknown>) => Promise<unknown>;
}

/**
 * The number of aggregates whose rebuilt snapshot differs from (or is missing against) the live
 * projection's: after the timed run the same records go through the conditional (live) handler
 * into memory, and the rebuilt table must equal that item for item.
 *
 * The records are read again rather than kept from the rebuild: keeping every MSK event (header
 * bytes as arrays of numbers, a few hundred MB per 100,000 records) alive through the timed run
 * made its garbage collection the rebuild's cost. Replaying after the clock stops keeps the
 * reference's CPU out of the measurement as well. The replay's batches need not be the rebuild's:
 * a projection's result does not depend on where batches start.
 */
export async function referenceMismatches<Doc extends object, Event extends DomainEvent>(
  options: ReferenceCheckOptions<Doc, Event>,
): Promise<number> {
  const reference = new InMemorySnapshotStore<Doc>();
  const live = createProjectionHandler({
    projection: options.projection,
    store: reference,
    deadLetters: new InMemoryDeadLetterSink(),
    log: () => undefined,
  });
  const ids = new Set<string>();
  await options.replay(async (event) => {
    for (const records of Object.values(event.records)) {
      for (const record of records) ids.add(Buffer.from(record.key, 'base64').toString('utf8'));
    }
    return live(event);
  });
  const all = [...ids];
  const [want, got] = await Promise.all([
    reference.getMany(all),
    options.rebuilt.getMany(all, { consistent: true }),
  ]);
  return all.filter((id) => JSON.stringify(want.get(id)) !== JSON.stringify(got.get(id))).length;
}
