import type { DomainEvent } from '../../lib/domain/decider';
import type { EventCatalog } from '../../lib/envelope/eventCatalog';
import { createEventHistory } from '../../lib/history/eventHistory';
import { createIndexHandler } from '../../lib/history/indexHandler';
import { InMemoryEventIndex } from '../../lib/history/inMemoryEventIndex';
import { InMemoryLogReader } from '../../lib/history/inMemoryLogReader';
import { fromMskRecord } from '../../lib/kafka/mskRecord';
import { mskEvent, type FakeTopic } from './mskEvents';

/**
 * The log of a fake topic made readable, in memory: the real index handler indexes what `sync`
 * is given (all of the topic by default), and the history reads it back by position.
 */
export function logHistory<Event extends DomainEvent>(topic: FakeTopic, catalog: EventCatalog<Event>) {
  const index = new InMemoryEventIndex();
  const reader = new InMemoryLogReader();
  const indexer = createIndexHandler({ index, log: () => undefined });
  const history = createEventHistory({ index, reader, catalog });
  return {
    index,
    reader,
    history,
    /** Indexes these records (default: the whole topic) and makes the topic's records readable. */
    sync: async (records = topic.records) => {
      reader.add(...topic.records.map(fromMskRecord));
      await indexer(mskEvent(records));
    },
  };
}
