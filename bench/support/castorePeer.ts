import { randomUUID } from 'node:crypto';
import { Command, EventStore, EventType, tuple, type EventStorageAdapter } from '@castore/core';
import {
  DynamoDBSingleTableEventStorageAdapter,
  EVENT_TABLE_EVENT_STORE_ID_KEY,
  EVENT_TABLE_INITIAL_EVENT_INDEX_NAME,
  EVENT_TABLE_PK,
  EVENT_TABLE_SK,
  EVENT_TABLE_TIMESTAMP_KEY,
} from '@castore/event-storage-adapter-dynamodb';
import { createDynamoClient } from '../../lib/dynamodb/dynamoClient';
import { ensureTable } from '../../lib/dynamodb/createTable';
import type { TableDefinition } from '../../lib/dynamodb/tableDefinition';
import type { InventoryEvent } from '../../functions/inventory/domain/inventoryEvents';
import { inventoryDecider } from '../../functions/inventory/domain/inventoryDecider';
import type { InventoryState } from '../../functions/inventory/domain/inventoryState';
import type { ScenarioContext } from '../scenario';
import { DynamoMeter } from './dynamoMeter';

/**
 * Castore's single-table event store as its README describes it: events keyed (aggregateId,
 * version), and the `initialEvents` index (KEYS_ONLY) that only version-1 events enter. The key
 * names come from the adapter, as Castore's own table resources take them.
 */
export const castoreTableDefinition: TableDefinition = {
  attributes: [
    { name: EVENT_TABLE_PK, type: 'S' },
    { name: EVENT_TABLE_SK, type: 'N' },
    { name: EVENT_TABLE_EVENT_STORE_ID_KEY, type: 'S' },
    { name: EVENT_TABLE_TIMESTAMP_KEY, type: 'S' },
  ],
  partitionKey: EVENT_TABLE_PK,
  sortKey: EVENT_TABLE_SK,
  indexes: [
    {
      name: EVENT_TABLE_INITIAL_EVENT_INDEX_NAME,
      partitionKey: EVENT_TABLE_EVENT_STORE_ID_KEY,
      sortKey: EVENT_TABLE_TIMESTAMP_KEY,
      projection: 'KEYS_ONLY',
    },
  ],
};

type EventMetadata = { commandId: string; correlationId: string };
type Payload<Type extends InventoryEvent['type']> = Extract<InventoryEvent, { type: Type }>['data'];

const eventType = <Type extends InventoryEvent['type']>(type: Type) =>
  new EventType<Type, Payload<Type>, EventMetadata>({ type });

/** A sku's stock as Castore folds it: our state, plus Castore's aggregate id and version. */
type SkuAggregate = InventoryState & { aggregateId: string; version: number };

/** The inventory event store: our five event types, folded by our own `evolve`. */
function inventoryEventStore(eventStorageAdapter?: EventStorageAdapter) {
  return new EventStore({
    eventStoreId: 'INVENTORY',
    eventTypes: [
      eventType('Restocked'),
      eventType('StockReserved'),
      eventType('ReservationRejected'),
      eventType('StockReleased'),
      eventType('StockShipped'),
    ],
    // Castore passes no aggregate to the first event; type and payload are InventoryEvent's own.
    reducer: (aggregate: SkuAggregate | undefined, event): SkuAggregate => ({
      ...inventoryDecider.evolve(aggregate ?? inventoryDecider.initialState, {
        type: event.type,
        data: event.payload,
      } as InventoryEvent),
      aggregateId: event.aggregateId,
      version: event.version,
    }),
    ...(eventStorageAdapter ? { eventStorageAdapter } : {}),
  });
}

interface RestockInput {
  sku: string;
  quantity: number;
}

/**
 * "Restock a sku" the Castore way: fold the aggregate from all its events (Castore has no
 * snapshots), decide with our decider, push the one event at version + 1. The adapter's put is
 * conditioned on that version not existing; on a conflict the Command reads and decides again
 * (its default of 2 retries).
 */
const restockCommand = new Command({
  commandId: 'RESTOCK',
  // Castore's commands name the store's blueprint; the caller passes the one wired to a table.
  requiredEventStores: tuple(inventoryEventStore()),
  handler: async (input: RestockInput, [skus]) => {
    const { aggregate } = await skus.getAggregate(input.sku);
    const metadata = { now: new Date().toISOString(), commandId: randomUUID(), correlationId: 'bench' };
    const state = aggregate ?? inventoryDecider.initialState;
    const [event] = inventoryDecider.decide({ type: 'Restock', quantity: input.quantity }, state, metadata);
    if (event?.type !== 'Restocked') throw new Error('a restock decides one Restocked event');
    const { nextAggregate } = await skus.pushEvent(
      {
        aggregateId: input.sku,
        version: (aggregate?.version ?? 0) + 1,
        type: event.type,
        payload: event.data,
        metadata: { commandId: metadata.commandId, correlationId: metadata.correlationId },
      },
      { prevAggregate: aggregate },
    );
    return nextAggregate;
  },
});

/** The Castore peer on the bench's dynalite: its own client, metered like ours. */
export async function setUpCastorePeer(context: ScenarioContext) {
  const dynamo = createDynamoClient({ AWS_REGION: 'eu-west-1', DYNAMODB_ENDPOINT: context.dynamoEndpoint });
  const meter = new DynamoMeter().attach(dynamo);
  const tableName = `bench-${context.runId}-b1-castore`;
  await ensureTable(dynamo, tableName, castoreTableDefinition);
  const skus = inventoryEventStore(
    new DynamoDBSingleTableEventStorageAdapter({ tableName, dynamoDBClient: dynamo }),
  );
  return {
    meter,
    tableName,
    indexName: EVENT_TABLE_INITIAL_EVENT_INDEX_NAME,
    restock: (sku: string) => restockCommand.handler({ sku, quantity: 1 }, [skus]),
    close: () => dynamo.destroy(),
  };
}

export type CastorePeer = Awaited<ReturnType<typeof setUpCastorePeer>>;
