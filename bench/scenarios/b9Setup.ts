import type { MSKEvent } from 'aws-lambda';
import type { Kafka } from 'kafkajs';
import { inventoryDecider } from '../../functions/inventory/domain/inventoryDecider';
import { inventoryCatalog } from '../../functions/inventory/domain/inventoryEvents';
import type { InventoryState } from '../../functions/inventory/domain/inventoryState';
import { inventoryOnOrder } from '../../functions/inventory/reactors/inventoryOnOrder';
import { orderCatalog, type OrderEvent } from '../../functions/order/domain/orderEvents';
import { createBatchCommandHandler, createCommandHandler } from '../../lib/commands/commandHandler';
import type { CommandBatchRequest } from '../../lib/commands/commandTypes';
import { InMemoryDeadLetterSink } from '../../lib/deadLetter/inMemoryDeadLetterSink';
import { ensureTable } from '../../lib/dynamodb/createTable';
import { createDynamoClient } from '../../lib/dynamodb/dynamoClient';
import { DynamoEntityStore, entityTableDefinition } from '../../lib/entities/dynamoEntityStore';
import { encodeEnvelope } from '../../lib/envelope/kafkaCodec';
import { createKafkaEventLog } from '../../lib/eventLog/kafkaEventLog';
import type { EventLog } from '../../lib/eventLog/eventLog';
import { DynamoHeadStore, headTableDefinition } from '../../lib/heads/dynamoHeadStore';
import type { HeadStore } from '../../lib/heads/headStore';
import { toMskRecord } from '../../lib/kafka/mskRecord';
import { createReactorHandler, type ReactorCheckpoint } from '../../lib/reactors/reactorHandler';
import { DynamoSnapshotStore } from '../../lib/snapshots/dynamoSnapshotStore';
import { snapshotTableDefinition } from '../../lib/snapshots/snapshotTable';
import { functions } from '../../infra/topology';
import type { ScenarioContext } from '../scenario';
import { nowMs } from '../stats';
import { DynamoMeter } from '../support/dynamoMeter';
import { benchKafka, ensureTopic } from '../support/kafka';

/** Orders per reactor invocation: the inventory reactor's batch size, as deployed. */
export const B9_BATCH = functions.find((spec) => spec.name === 'inventoryReactsToOrders')!.msk!.batchSize;

/** Head writes refused because another command moved the head first: the optimistic retries. */
export interface Contention {
  writes: number;
  refused: number;
}

function counted<State>(heads: HeadStore<State>, contention: Contention): HeadStore<State> {
  return {
    read: (id) => heads.read(id),
    write: async (head, expected) => {
      const written = await heads.write(head, expected);
      contention.writes += 1;
      if (!written) contention.refused += 1;
      return written;
    },
    markPublished: (id, version) => heads.markPublished(id, version),
    listPending: (before, limit) => heads.listPending(before, limit),
    ids: () => heads.ids(),
  };
}

/**
 * The inventory write side on dynalite and the broker, as many execution environments would run
 * it: each caller gets its own event log (one transactional producer, as on Lambda), all share the
 * tables. Callers reserve either one command at a time, or as the inventory reactor does, from a
 * batch of OrderPlaced records grouped into batch commands.
 */
export async function setUpReservations(context: ScenarioContext) {
  const kafka: Kafka = benchKafka(context.kafkaBrokers, 'bench-b9');
  const topic = `bench-${context.runId}-b9`;
  await ensureTopic(kafka, topic, 6);
  const dynamo = createDynamoClient({ AWS_REGION: 'eu-west-1', DYNAMODB_ENDPOINT: context.dynamoEndpoint });
  const meter = new DynamoMeter().attach(dynamo);
  const tables = {
    heads: `bench-${context.runId}-b9-heads`,
    entities: `bench-${context.runId}-b9-entities`,
    checkpoints: `bench-${context.runId}-b9-checkpoints`,
  };
  await ensureTable(dynamo, tables.heads, headTableDefinition);
  await ensureTable(dynamo, tables.entities, entityTableDefinition);
  await ensureTable(dynamo, tables.checkpoints, snapshotTableDefinition());
  const contention: Contention = { writes: 0, refused: 0 };
  const heads = counted(new DynamoHeadStore<InventoryState>(dynamo, tables.heads), contention);
  const entities = new DynamoEntityStore(dynamo, tables.entities);
  const checkpoints = new DynamoSnapshotStore<ReactorCheckpoint>({
    client: dynamo,
    tableName: tables.checkpoints,
  });
  const logs: EventLog[] = [];
  const options = (caller: string) => {
    const eventLog = createKafkaEventLog({
      kafka,
      transactionalIdPrefix: `bench-${context.runId}-b9-${caller}`,
    });
    logs.push(eventLog);
    const source = 'urn:service:inventory';
    return { decider: inventoryDecider, catalog: inventoryCatalog, source, topic, heads, entities, eventLog };
  };
  const restocker = createCommandHandler(options('restock'));
  const restock = (sku: string) =>
    restocker({
      aggregateId: sku,
      command: { type: 'Restock', quantity: 1_000_000_000 },
      metadata: { now: new Date().toISOString(), commandId: `restock-${sku}`, correlationId: 'bench' },
    });

  /** A caller reserving one command at a time, as a Lambda handling one request would. */
  const singleCaller = (name: string) => {
    const handle = createCommandHandler(options(name));
    return (sku: string, orderId: string) =>
      handle({
        aggregateId: sku,
        command: { type: 'Reserve', orderId, quantity: 1 },
        metadata: { now: new Date().toISOString(), commandId: `reserve-${orderId}`, correlationId: orderId },
      });
  };

  /** A caller running the inventory reactor on batches of OrderPlaced, timing each batch command. */
  const reactorCaller = (name: string, groupLatencies: number[]) => {
    const handleBatch = createBatchCommandHandler(options(name));
    const dispatch = async (
      request: CommandBatchRequest<Parameters<typeof handleBatch>[0]['members'][0]['command']>,
    ) => {
      const started = nowMs();
      const result = await handleBatch(request);
      const ms = nowMs() - started;
      for (let i = 0; i < request.members.length; i += 1) groupLatencies.push(ms);
      return result;
    };
    return createReactorHandler({
      reactor: inventoryOnOrder,
      dispatch,
      checkpoints,
      deadLetters: new InMemoryDeadLetterSink(),
      log: () => undefined,
    });
  };

  const close = async () => {
    await Promise.allSettled(logs.map((log) => log.close()));
    dynamo.destroy();
  };
  return { kafka, topic, tables, meter, contention, heads, restock, singleCaller, reactorCaller, close };
}

export type Reservations = Awaited<ReturnType<typeof setUpReservations>>;

/** An MSK event of OrderPlaced records, one line each (1 unit of `skuOf(i)`), on one partition. */
export function orderBatch(
  partition: number,
  orderIds: readonly string[],
  skuOf: (orderId: string) => string,
): MSKEvent {
  const records = orderIds.map((orderId, offset) => {
    const sku = skuOf(orderId);
    const event: OrderEvent = {
      type: 'OrderPlaced',
      data: {
        customerId: 'bench',
        items: [{ sku, quantity: 1, unitPrice: 100 }],
        total: 100,
        placedAt: '2026-01-01T00:00:00.000Z',
      },
    };
    const encoded = encodeEnvelope(
      {
        id: `order/${orderId}/1`,
        source: 'urn:service:order',
        time: '2026-01-01T00:00:00.000Z',
        aggregateId: orderId,
        aggregateType: 'order',
        aggregateVersion: 1,
        schemaVersion: 1,
        correlationId: orderId,
        commandId: `place-${orderId}`,
        event,
      },
      orderCatalog,
    );
    return toMskRecord({
      topic: 'orders',
      partition,
      offset: String(offset),
      timestamp: '1767225600000',
      key: Buffer.from(encoded.key),
      value: Buffer.from(encoded.value),
      headers: encoded.headers,
    });
  });
  return {
    eventSource: 'aws:kafka',
    eventSourceArn: 'arn:aws:kafka:eu-west-1:000000000000:cluster/bench/0',
    bootstrapServers: 'localhost:9092',
    records: { [`orders-${partition}`]: records },
  };
}
