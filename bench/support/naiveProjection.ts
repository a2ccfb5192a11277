import type { MSKEvent } from 'aws-lambda';
import type { DomainEvent } from '../../lib/domain/decider';
import { decodeRecord } from '../../lib/envelope/decodeRecord';
import { mskRecordsInOrder } from '../../lib/kafka/mskRecord';
import type { Projection } from '../../lib/projections/projection';
import type { SnapshotStore } from '../../lib/snapshots/snapshotStore';

/**
 * Bench-only baseline: what a projection looks like without the runner: every event read-modify-
 * written on its own (one consistent GetItem, one conditional PutItem), in record order.
 */
export function naiveProjectionHandler<Doc, Event extends DomainEvent>(
  projection: Projection<Doc, Event>,
  store: SnapshotStore<Doc>,
): (event: MSKEvent) => Promise<void> {
  return async (event) => {
    for (const record of mskRecordsInOrder(event)) {
      const decoded = decodeRecord(record, projection.catalog);
      if (!decoded.ok) continue;
      const { envelope } = decoded;
      const stored = await store.get(envelope.aggregateId, { consistent: true });
      const from = stored?.version ?? 0;
      if (envelope.aggregateVersion !== from + 1) continue;
      const doc = projection.evolve(stored?.doc, envelope);
      // The same freshness the framework's projection records: the time of the last event applied.
      const snapshot = { id: envelope.aggregateId, version: from + 1, doc, lastEventAt: envelope.time };
      if (!(await store.put(snapshot, from))) {
        throw new Error(`${envelope.aggregateId} moved on concurrently`);
      }
    }
  };
}
