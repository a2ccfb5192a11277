import { InMemoryDeadLetterSink } from '../../../lib/deadLetter/inMemoryDeadLetterSink';
import type { DomainEvent } from '../../../lib/domain/decider';
import type { EventEnvelope } from '../../../lib/envelope/eventEnvelope';
import type { Projection } from '../../../lib/projections/projection';
import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { InMemorySnapshotStore } from '../../../lib/snapshots/inMemorySnapshotStore';
import type { SnapshotIndex } from '../../../lib/snapshots/snapshotTable';
import { FakeTopic, mskEvent } from '../../support/mskEvents';

/**
 * A projection behind the real projection handler, fed from a fake topic into an in-memory store:
 * `publish` appends envelopes to the topic, `deliver` hands the handler everything published so
 * far (again, if called again), as an MSK event source mapping redelivering a batch would.
 */
export function projectionHarness<Doc extends object, Event extends DomainEvent>(
  projection: Projection<Doc, Event>,
  indexes: readonly SnapshotIndex[] = [],
) {
  const store = new InMemorySnapshotStore<Doc>(indexes);
  const deadLetters = new InMemoryDeadLetterSink();
  const handler = createProjectionHandler({ projection, store, deadLetters, log: () => undefined });
  const topic = new FakeTopic(projection.catalog.aggregateType, 3);
  return {
    store,
    deadLetters,
    publish: (...envelopes: EventEnvelope<Event>[]) => topic.append(projection.catalog, ...envelopes),
    deliver: () => handler(mskEvent(topic.records)),
  };
}

/** Folds envelopes straight through `evolve`, as one clean delivery would. */
export function foldView<Doc, Event extends DomainEvent>(
  projection: Projection<Doc, Event>,
  envelopes: readonly EventEnvelope<Event>[],
): Doc | undefined {
  return envelopes.reduce<Doc | undefined>((doc, envelope) => projection.evolve(doc, envelope), undefined);
}
