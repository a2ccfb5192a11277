import type { MSKEvent } from 'aws-lambda';
import { InMemoryDeadLetterSink } from '../../lib/deadLetter/inMemoryDeadLetterSink';
import { createProjectionHandler } from '../../lib/projections/projectionHandler';
import type { Projection } from '../../lib/projections/projection';
import type { DomainEvent } from '../../lib/domain/decider';
import { InMemorySnapshotStore } from '../../lib/snapshots/inMemorySnapshotStore';
import type { SnapshotStore } from '../../lib/snapshots/snapshotStore';

/**
 * Keeps the MSK events a rebuild handled, so that after the timed run they can be replayed through
 * the conditional (live) handler into a reference store: the rebuilt table must equal it item for
 * item. Replaying after the clock stops keeps the reference's CPU out of the measurement.
 */
export function referenceCheck<Doc extends object, Event extends DomainEvent>(
  projection: Projection<Doc, Event>,
) {
  const events: MSKEvent[] = [];
  const ids = new Set<string>();
  return {
    keep(event: MSKEvent): void {
      events.push(event);
      for (const records of Object.values(event.records)) {
        for (const record of records) ids.add(Buffer.from(record.key, 'base64').toString('utf8'));
      }
    },
    /** The number of aggregates whose rebuilt snapshot differs from (or is missing against) the reference. */
    async mismatches(rebuilt: SnapshotStore<Doc>): Promise<number> {
      const reference = new InMemorySnapshotStore<Doc>();
      const handler = createProjectionHandler({
        projection,
        store: reference,
        deadLetters: new InMemoryDeadLetterSink(),
        log: () => undefined,
      });
      for (const event of events) await handler(event);
      const all = [...ids];
      const [want, got] = await Promise.all([
        reference.getMany(all),
        rebuilt.getMany(all, { consistent: true }),
      ]);
      return all.filter((id) => JSON.stringify(want.get(id)) !== JSON.stringify(got.get(id))).length;
    },
  };
}
