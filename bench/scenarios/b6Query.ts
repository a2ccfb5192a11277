import { createRequire } from 'node:module';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createDynamoClient } from '../../lib/dynamodb/dynamoClient';
import { ensureTable } from '../../lib/dynamodb/createTable';
import { DynamoSnapshotStore } from '../../lib/snapshots/dynamoSnapshotStore';
import { localEnvironment, localNames, localTables } from '../../infra/local/runtime/localNames';
import { orderView } from '../../functions/order/projection/orderView';
import type { InventoryView } from '../../functions/inventory/projection/inventoryView';
import { Recorder, type Scenario, type ScenarioContext } from '../scenario';
import { nowMs, percentile } from '../stats';
import { getEvent, lambdaContext } from '../support/apiEvent';
import { DynamoMeter } from '../support/dynamoMeter';
import type * as DynamoModule from '../../functions/platform/dynamo';
import type * as PlatformModule from '../../functions/platform/platform';
import { b6Notes } from './b6Notes';

// Loaded only once the environment is set: the handlers read it at module scope.
const load = createRequire(__filename);

const CALLS = 400;
const IDS = 50;

type Handler = (
  event: APIGatewayProxyEventV2,
  context: typeof lambdaContext,
) => Promise<APIGatewayProxyStructuredResultV2>;

interface Route {
  readonly key: string;
  readonly handler: Handler;
  readonly table: string;
  readonly event: (i: number) => APIGatewayProxyEventV2;
  readonly id: (i: number) => string;
}

/** Writes the snapshots the queries read: IDS orders and IDS skus. */
async function seed(
  context: ScenarioContext,
  client: ReturnType<typeof createDynamoClient>,
  tables: { orders: string; inventory: string },
) {
  const orders = new DynamoSnapshotStore<ReturnType<typeof orderView.evolve>>({
    client,
    tableName: tables.orders,
  });
  const inventory = new DynamoSnapshotStore<InventoryView>({ client, tableName: tables.inventory });
  for (let i = 0; i < IDS; i += 1) {
    const doc = orderView.evolve(undefined, {
      id: `order/ord-${i}/1`,
      source: 'urn:service:order',
      time: '2026-01-01T00:00:00.000Z',
      aggregateId: `ord-${i}`,
      aggregateType: 'order',
      aggregateVersion: 1,
      schemaVersion: 1,
      correlationId: 'bench',
      commandId: `c-${i}`,
      event: {
        type: 'OrderPlaced',
        data: {
          customerId: 'c-1',
          items: [{ sku: 'sku-1', quantity: 2, unitPrice: 1500 }],
          total: 3000,
          placedAt: '2026-01-01T00:00:00.000Z',
        },
      },
    });
    await orders.put({ id: `ord-${i}`, version: 1, doc }, 0);
    await inventory.put(
      { id: `sku-${i}`, version: 3, doc: { sku: `sku-${i}`, available: 8, reserved: 2 } },
      0,
    );
  }
  context.log(`seeded ${IDS} orders and ${IDS} skus`);
}

/** Alternates handler and raw GetItem calls on the same keys; records p50s, their ratio and GetItems per call. */
async function measureRoute(
  route: Route,
  raw: ReturnType<typeof createDynamoClient>,
  meter: DynamoMeter,
  recorder: Recorder | undefined,
) {
  const handlerMs: number[] = [];
  const rawMs: number[] = [];
  meter.reset();
  let failures = 0;
  for (let i = 0; i < CALLS; i += 1) {
    let started = nowMs();
    const response = await route.handler(route.event(i), lambdaContext);
    handlerMs.push(nowMs() - started);
    if (response.statusCode !== 200) failures += 1;
    started = nowMs();
    await raw.send(new GetItemCommand({ TableName: route.table, Key: { id: { S: route.id(i) } } }));
    rawMs.push(nowMs() - started);
  }
  if (!recorder) return;
  const p50 = (xs: number[]) => percentile(xs, 50);
  recorder.record(`${route.key}.handler`, `${route.key}: handler p50`, 'ms', p50(handlerMs));
  recorder.record(`${route.key}.raw`, `${route.key}: raw GetItem p50`, 'ms', p50(rawMs));
  recorder.record(
    `${route.key}.ratio`,
    `${route.key}: handler / raw GetItem, p50`,
    '×',
    p50(handlerMs) / p50(rawMs),
  );
  recorder.record(
    `${route.key}.ratio99`,
    `${route.key}: handler / raw GetItem, p99`,
    '×',
    percentile(handlerMs, 99) / percentile(rawMs, 99),
  );
  recorder.record(
    `${route.key}.gets`,
    `${route.key}: GetItem calls per request`,
    'calls',
    meter.calls('GetItem') / CALLS,
  );
  recorder.record(
    `${route.key}.other`,
    `${route.key}: other DynamoDB calls per request`,
    'calls',
    (meter.total('calls') - meter.calls('GetItem')) / CALLS,
  );
  recorder.record(`${route.key}.failures`, `${route.key}: non-200 responses`, 'responses', failures);
}

export const b6Query: Scenario = {
  id: 'B6',
  title: 'Query: get-by-id handler vs a raw GetItem',
  defaultRuns: 5,
  async run(context) {
    const names = localNames(`bench-${context.runId}-b6`);
    Object.assign(process.env, localEnvironment(names, context));
    const tables = Object.fromEntries(localTables(names).map((t) => [t.spec.envVar, t.name]));
    const raw = createDynamoClient({ AWS_REGION: 'eu-west-1', DYNAMODB_ENDPOINT: context.dynamoEndpoint });
    for (const table of localTables(names).filter((t) => t.spec.kind === 'views'))
      await ensureTable(raw, table.name, table.spec.definition);
    const orderTable = tables.ORDER_VIEWS_TABLE!;
    const inventoryTable = tables.INVENTORY_VIEWS_TABLE!;
    await seed(context, raw, { orders: orderTable, inventory: inventoryTable });
    // The handlers build their clients at module scope from the environment set above.
    const getOrder = (load('../../functions/order/handlers/getOrder') as { handler: Handler }).handler;
    const getInventory = (load('../../functions/inventory/handlers/getInventory') as { handler: Handler })
      .handler;
    const { closePlatform } = load('../../functions/platform/platform') as typeof PlatformModule;
    const { getDynamo } = load('../../functions/platform/dynamo') as typeof DynamoModule;
    const meter = new DynamoMeter().attach(getDynamo());
    const routes: Route[] = [
      {
        key: 'getOrder',
        handler: getOrder,
        table: orderTable,
        id: (i) => `ord-${i % IDS}`,
        event: (i) =>
          getEvent('GET /orders/{orderId}', `/orders/ord-${i % IDS}`, { orderId: `ord-${i % IDS}` }),
      },
      {
        key: 'getInventory',
        handler: getInventory,
        table: inventoryTable,
        id: (i) => `sku-${i % IDS}`,
        event: (i) =>
          getEvent('GET /inventory/{sku}', `/inventory/sku-${i % IDS}`, { sku: `sku-${i % IDS}` }),
      },
    ];
    const recorder = new Recorder();
    try {
      for (let run = 0; run <= context.runs; run += 1) {
        context.log(run === 0 ? 'warm-up' : `run ${run}/${context.runs}`);
        for (const route of routes) await measureRoute(route, raw, meter, run > 0 ? recorder : undefined);
      }
    } finally {
      raw.destroy();
      await closePlatform();
    }
    const metrics = recorder.list();
    return {
      settings: {
        'calls per route per run': CALLS,
        'distinct ids': IDS,
        invocation: 'in-process, API Gateway v2 event',
      },
      metrics,
      targets: [
        { label: 'getOrder: exactly one GetItem per request', metric: 'getOrder.gets', op: '=', limit: 1 },
        {
          label: 'getInventory: exactly one GetItem per request',
          metric: 'getInventory.gets',
          op: '=',
          limit: 1,
        },
        {
          label: 'getOrder: handler p50 ≤ 1.5 × raw GetItem',
          metric: 'getOrder.ratio',
          op: '<=',
          limit: 1.5,
        },
        {
          label: 'getInventory: handler p50 ≤ 1.5 × raw GetItem',
          metric: 'getInventory.ratio',
          op: '<=',
          limit: 1.5,
        },
      ],
      notes: b6Notes(metrics),
    };
  },
};
