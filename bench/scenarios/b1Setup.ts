import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { createCommandHandler } from '../../lib/commands/commandHandler';
import { createDynamoClient } from '../../lib/dynamodb/dynamoClient';
import { ensureTable } from '../../lib/dynamodb/createTable';
import type { EventLog, LogRecord } from '../../lib/eventLog/eventLog';
import { createKafkaEventLog } from '../../lib/eventLog/kafkaEventLog';
import { encodeEnvelope } from '../../lib/envelope/kafkaCodec';
import { DynamoEntityStore, entityTableDefinition } from '../../lib/entities/dynamoEntityStore';
import { DynamoHeadStore, headTableDefinition } from '../../lib/heads/dynamoHeadStore';
import type { HeadStore } from '../../lib/heads/headStore';
import {
  DynamoIdempotencyStore,
  idempotencyTableDefinition,
} from '../../lib/idempotency/dynamoIdempotencyStore';
import { commandRequest } from '../../lib/http/commandRequest';
import { jsonResponse } from '../../lib/http/response';
import { inventoryCatalog } from '../../functions/inventory/domain/inventoryEvents';
import { inventoryDecider } from '../../functions/inventory/domain/inventoryDecider';
import type { InventoryState } from '../../functions/inventory/domain/inventoryState';
import { DynamoMeter } from '../support/dynamoMeter';
import { FirstDesignHeadStore, firstDesignTableDefinition } from '../support/firstDesignHeads';
import { getEvent } from '../support/apiEvent';
import { createIdempotentEventLog } from '../support/idempotentEventLog';
import { benchKafka, ensureTopic } from '../support/kafka';
import type { ScenarioContext } from '../scenario';

export const B1_PARTITIONS = 6;

/** What the command path appended: time spent, and a listener told of every append that succeeded. */
export interface AppendWatch {
  ms: number;
  calls: number;
  /** `startedAt`: performance.now() when the append began; it is told after the append succeeded. */
  onAppended?: ((records: readonly LogRecord[], startedAt: number) => void) | undefined;
}

/** Wraps an event log so the time spent in `append`, and what was appended, is known. */
function timedLog(log: EventLog, spent: AppendWatch): EventLog {
  return {
    append: async (records) => {
      const started = performance.now();
      try {
        await log.append(records);
        spent.onAppended?.(records, started);
      } finally {
        spent.ms += performance.now() - started;
        spent.calls += 1;
      }
    },
    close: () => log.close(),
  };
}

/** The three ways of publishing a restock, wired to one topic and one heads table. */
export async function setUpCommandPath(context: ScenarioContext) {
  const kafka: Kafka = benchKafka(context.kafkaBrokers, 'bench-b1');
  const topic = `bench-${context.runId}-b1`;
  await ensureTopic(kafka, topic, B1_PARTITIONS);
  const dynamo = createDynamoClient({ AWS_REGION: 'eu-west-1', DYNAMODB_ENDPOINT: context.dynamoEndpoint });
  const meter = new DynamoMeter().attach(dynamo);
  const tableName = `bench-${context.runId}-b1-heads`;
  await ensureTable(dynamo, tableName, headTableDefinition);
  const heads = new DynamoHeadStore<InventoryState>(dynamo, tableName);
  const firstDesignTable = `${tableName}-first`;
  await ensureTable(dynamo, firstDesignTable, firstDesignTableDefinition);
  const firstDesignHeads = new FirstDesignHeadStore<InventoryState>(dynamo, firstDesignTable);
  // Restocks name no reservation, so the entities table is never read or written here.
  await ensureTable(dynamo, `${tableName}-entities`, entityTableDefinition);
  const entities = new DynamoEntityStore(dynamo, `${tableName}-entities`);
  const idempotencyTable = `${tableName}-idempotency`;
  await ensureTable(dynamo, idempotencyTable, idempotencyTableDefinition);
  const idempotency = new DynamoIdempotencyStore(dynamo, idempotencyTable);
  const appendTime: AppendWatch = { ms: 0, calls: 0 };
  const logs = {
    pooled: createKafkaEventLog({
      kafka,
      transactionalIdPrefix: `bench-${context.runId}-pool8`,
      poolSize: 8,
    }),
    single: createKafkaEventLog({
      kafka,
      transactionalIdPrefix: `bench-${context.runId}-pool1`,
      poolSize: 1,
    }),
    idempotent: createIdempotentEventLog(kafka),
  };
  const handler = (
    eventLog: EventLog,
    rememberedCommands?: number,
    headStore: HeadStore<InventoryState> = heads,
  ) =>
    createCommandHandler({
      ...(rememberedCommands === undefined ? {} : { rememberedCommands }),
      decider: inventoryDecider,
      catalog: inventoryCatalog,
      source: 'urn:service:inventory',
      topic,
      heads: headStore,
      entities,
      eventLog: timedLog(eventLog, appendTime),
    });
  const handlers = {
    transactional: handler(logs.pooled),
    transactionalPool1: handler(logs.single),
    /** The same path remembering 20 command ids per head instead of the default 32 (cost only). */
    remember20: handler(logs.pooled, 20),
    idempotent: handler(logs.idempotent),
    /** The first design's heads table and step h, beside today's (cost and copies only). */
    firstDesign: handler(logs.pooled, undefined, firstDesignHeads),
  };
  const raw: Producer = kafka.producer();
  await raw.connect();
  const restock = (handle: (typeof handlers)['transactional'], aggregateId: string) =>
    handle({
      aggregateId,
      command: { type: 'Restock', quantity: 1 },
      metadata: { now: new Date().toISOString(), commandId: randomUUID(), correlationId: 'bench' },
    });
  // The edge of POST /inventory/{sku}/restocks with an Idempotency-Key: the key's item is put before
  // the command and the response stored after it, as restockInventory does (cost only).
  const restockWithKey = (handle: (typeof handlers)['transactional'], aggregateId: string) =>
    commandRequest(postRestock(aggregateId), { idempotency }, async ({ metadata }) => {
      const { state, version } = await handle({
        aggregateId,
        command: { type: 'Restock', quantity: 1 },
        metadata,
      });
      const body = { sku: aggregateId, available: state.available, reserved: state.reserved, version };
      return jsonResponse(200, body, { etag: version });
    });
  const rawSend = (aggregateId: string) =>
    raw.send({ topic, acks: -1, messages: [restockRecord(aggregateId)] });
  const close = async () => {
    await Promise.allSettled([...Object.values(logs).map((log) => log.close()), raw.disconnect()]);
    dynamo.destroy();
  };
  return {
    kafka,
    topic,
    headsTable: tableName,
    firstDesignTable,
    idempotencyTable,
    meter,
    appendTime,
    handlers,
    restock,
    restockWithKey,
    rawSend,
    close,
  };
}

export type CommandPath = Awaited<ReturnType<typeof setUpCommandPath>>;

/** The record a first restock of `aggregateId` produces, encoded as the command path encodes it. */
function restockRecord(aggregateId: string) {
  const record = encodeEnvelope(
    {
      id: `inventory/${aggregateId}/1`,
      source: 'urn:service:inventory',
      time: new Date().toISOString(),
      aggregateId,
      aggregateType: 'inventory',
      aggregateVersion: 1,
      schemaVersion: 1,
      correlationId: 'bench',
      commandId: randomUUID(),
      event: { type: 'Restocked', data: { quantity: 1 } },
    },
    inventoryCatalog,
  );
  return { key: record.key, value: record.value, headers: { ...record.headers } };
}

/** POST /inventory/{sku}/restocks with a fresh Idempotency-Key, as API Gateway delivers it. */
function postRestock(sku: string) {
  const path = `/inventory/${sku}/restocks`;
  const event = getEvent('POST /inventory/{sku}/restocks', path, { sku });
  return {
    ...event,
    headers: { ...event.headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: '{"quantity":1}',
    requestContext: { ...event.requestContext, http: { ...event.requestContext.http, method: 'POST' } },
  };
}
