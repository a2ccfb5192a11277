import { createKafkaDeadLetterSink } from '../../../lib/deadLetter/kafkaDeadLetterSink';
import { ensureTable } from '../../../lib/dynamodb/createTable';
import type { Projection } from '../../../lib/projections/projection';
import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { startMskEventSource, type MskEventSource } from '../../../lib/local/mskEventSource';
import { DynamoSnapshotStore } from '../../../lib/snapshots/dynamoSnapshotStore';
import { snapshotTableDefinition } from '../../../lib/snapshots/snapshotTable';
import type { TallyEvent } from '../../support/tallyDomain';
import { tallyCatalog } from '../../support/tallyDomain';
import { testDynamo } from './dynamo';
import { createTopic, testKafka } from './kafka';
import { uniqueName } from './names';
import { tallyCommandStack } from './tallyCommands';

export interface TallyView {
  name: string;
  status: 'open' | 'closed';
  total: number;
}

export const tallyView: Projection<TallyView, TallyEvent> = {
  name: 'tally-view',
  catalog: tallyCatalog,
  evolve: (doc, { event }) => {
    switch (event.type) {
      case 'TallyOpened':
        return { name: event.data.name, status: 'open', total: 0 };
      case 'TallyIncremented':
        return { ...doc!, total: doc!.total + event.data.by };
      case 'TallyClosed':
        return { ...doc!, status: 'closed' };
      default: {
        const unknown: never = event;
        throw new Error(`unexpected ${JSON.stringify(unknown)}`);
      }
    }
  },
};

/**
 * The whole flow on the real broker and dynalite: tally commands → topic → the MSK event source
 * emulator (read_committed, offsets after success) → the projection handler → a snapshot table.
 */
export async function tallyPipeline(options: Parameters<typeof tallyCommandStack>[0] = {}) {
  const commands = await tallyCommandStack(options);
  const dynamo = testDynamo();
  const viewsTable = uniqueName('tally-views');
  await ensureTable(dynamo, viewsTable, snapshotTableDefinition());
  const views = new DynamoSnapshotStore<TallyView>({ client: dynamo, tableName: viewsTable });
  const deadLetterTopic = await createTopic('tally-dlq');
  const deadLetters = createKafkaDeadLetterSink({ kafka: testKafka('dlq'), topic: deadLetterTopic });
  const handler = createProjectionHandler({
    projection: tallyView,
    store: views,
    deadLetters,
    log: () => undefined,
  });
  const sources: MskEventSource[] = [];
  const startProjection = async (groupId = uniqueName('tally-view')) => {
    const source = await startMskEventSource({
      kafka: testKafka('tally-view'),
      functionName: 'projectTallies',
      topics: [commands.topic],
      consumerGroupId: groupId,
      startingPosition: 'TRIM_HORIZON',
      batchSize: 100,
      maximumBatchingWindowSeconds: 0.05,
      maximumRetryAttempts: 5,
      handler: (event) => handler(event),
    });
    sources.push(source);
    return source;
  };
  const close = async () => {
    await Promise.allSettled(sources.map((s) => s.stop()));
    await deadLetters.close();
    await commands.close();
    dynamo.destroy();
  };
  return { ...commands, views, viewsTable, deadLetterTopic, startProjection, close };
}
