import {
  FRAMEWORK_ENV,
  functions,
  handlerModule,
  projectionVersion,
  REPLICATION_FACTOR,
  serviceEnvironment,
  tables,
  tablesOf,
  topicConfigs,
  topics,
  transactionalIdPrefix,
  transactionTimeoutMs,
  type FunctionSpec,
  type TableKey,
} from '../../../../infra/topology';

// infra/topology.ts is tested here: the only test folder for infra outside infra/local.
const triggers = (spec: FunctionSpec) => [spec.http, spec.msk, spec.schedule].filter(Boolean).length;
const named = (name: string) => functions.find((spec) => spec.name === name)!;

describe('topology functions', () => {
  it('gives every function exactly one trigger and a unique name', () => {
    expect(functions.filter((spec) => triggers(spec) !== 1).map((spec) => spec.name)).toEqual([]);
    expect(new Set(functions.map((spec) => spec.name)).size).toBe(functions.length);
  });

  it('routes each method and path once', () => {
    const routes = functions.flatMap((spec) => (spec.http ? [`${spec.http.method} ${spec.http.path}`] : []));
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes).toEqual(
      expect.arrayContaining(['POST /orders', 'GET /orders/{orderId}', 'GET /health', 'GET /openapi.json']),
    );
  });

  it('makes commands POST routes that write a head, an idempotency key and one topic, transactionally', () => {
    const commands = functions.filter((spec) => spec.command);
    expect(commands.map((spec) => spec.name).sort()).toEqual(
      [
        'cancelOrder',
        'depositFunds',
        'fulfilOrder',
        'placeOrder',
        'restockInventory',
        'submitPayment',
      ].sort(),
    );
    for (const spec of commands) {
      expect(spec.http?.method).toBe('POST');
      expect(spec.writes).toEqual(expect.arrayContaining(['idempotency']));
      expect(spec.produces).toHaveLength(1);
      expect(spec.transactional).toBe(true);
    }
  });

  it('lets queries only read their views, the event index, the versions record and, by offset, their topic', () => {
    for (const spec of functions.filter((f) => f.http?.method === 'GET')) {
      expect(spec.writes).toEqual([]);
      expect(spec.produces).toEqual([]);
      expect(spec.msk).toBeUndefined();
      const readable = (key: TableKey) =>
        ['views', 'index'].includes(tables[key].kind) || key === 'projectionVersions';
      expect(spec.reads.every(readable)).toBe(true);
      expect((spec.readsLog ?? []).length).toBeLessThanOrEqual(1);
    }
    expect(named('listOrders').queries).toEqual(['orderViews']);
    expect(named('getOrder').readsLog).toEqual(['orders']);
    expect(named('getAccountEvents').reads).toEqual(['eventIndex']);
  });

  it('consumes from TRIM_HORIZON with bounded, bisected retries into lambda-failures', () => {
    const consumers = functions.filter((spec) => spec.msk);
    expect(consumers).toHaveLength(10);
    for (const { msk } of consumers) {
      expect(msk).toMatchObject({
        startingPosition: 'TRIM_HORIZON',
        bisectBatchOnFunctionError: true,
        onFailure: 'lambdaFailures',
      });
      expect(msk!.maximumRetryAttempts).toBeGreaterThanOrEqual(0);
      expect(msk!.maximumRetryAttempts).toBeLessThanOrEqual(10_000);
      expect(msk!.onFailure).not.toBe(msk!.topic);
      expect(msk!.batchSize).toBeLessThanOrEqual(10_000);
      // AWS takes whole seconds, 0..300.
      expect(Number.isInteger(msk!.maximumBatchingWindow)).toBe(true);
      expect(msk!.maximumBatchingWindow).toBeLessThanOrEqual(300);
    }
    const groups = consumers.flatMap((spec) => [spec.msk!.consumerGroupId, spec.redrive!.consumerGroupId]);
    expect(new Set(groups).size).toBe(groups.length);
  });

  it('gives every consumer a second mapping that redrives its own failed batches from lambda-failures', () => {
    for (const spec of functions.filter((f) => f.msk)) {
      expect(spec.redrive).toMatchObject({ topic: 'lambdaFailures', startingPosition: 'TRIM_HORIZON' });
      expect(spec.redrive!.consumerGroupId).toBe(`${spec.msk!.consumerGroupId}-redrive`);
    }
  });

  // A saga's hops (reactors), the read after a command (projections) and a history read (indexers)
  // wait on no window; the redrives, which nothing waits on, coalesce for a second.
  it('batches per role: reactors, projections (every version) and indexers at once, redrives for 1 s', () => {
    const windowOf = (name: string) => named(name).msk!.maximumBatchingWindow;
    for (const name of ['inventoryReactsToOrders', 'orderReactsToInventory', 'orderReactsToPayments'])
      expect(windowOf(name)).toBe(0);
    for (const name of ['projectOrders', 'projectInventory', 'projectAccounts'])
      expect(windowOf(name)).toBe(0);
    expect(projectionVersion('orderViews', 2).msk!.maximumBatchingWindow).toBe(windowOf('projectOrders'));
    for (const name of ['indexOrders', 'indexInventory', 'indexPayments']) expect(windowOf(name)).toBe(0);
    for (const spec of functions.filter((f) => f.redrive))
      expect(spec.redrive!.maximumBatchingWindow).toBe(1);
  });

  it('lets every projection and reactor dead-letter what it cannot decode; the indexers skip it', () => {
    for (const spec of functions.filter((f) => f.msk)) {
      if (spec.handler.endsWith('indexEvents.handler')) expect(spec.produces).toEqual([]);
      else expect(spec.produces).toContain('deadLetters');
    }
  });

  it('publishes the pending events of all three heads tables once a minute', () => {
    const recovery = named('recoverPending');
    expect(recovery.schedule).toBe('rate(1 minute)');
    expect(recovery.timeout).toBeLessThan(60);
    expect([...recovery.queries!].sort()).toEqual(['accountHeads', 'inventoryHeads', 'orderHeads']);
    expect([...recovery.produces].sort()).toEqual(['inventory', 'orders', 'payments']);
  });

  it('names handler files after the function, under their service', () => {
    expect(handlerModule(named('placeOrder'))).toEqual({
      file: 'functions/order/handlers/placeOrder',
      exportName: 'handler',
    });
    expect(named('orderReactsToInventory').handler).toBe('functions/order/handlers/reactToInventory.handler');
    expect(named('health').handler).toBe('functions/platform/handlers/health.handler');
  });

  it('refers only to tables and topics that exist', () => {
    for (const spec of functions) {
      for (const key of tablesOf(spec)) expect(tables).toHaveProperty(key);
      for (const key of spec.produces) expect(topics).toHaveProperty(key);
    }
  });
});

describe('transactionTimeoutMs', () => {
  it('outlasts the function: 30 s for a 10 s command', () => {
    expect(transactionTimeoutMs(named('placeOrder'))).toBe(30_000);
    for (const spec of functions) expect(transactionTimeoutMs(spec)).toBeGreaterThan(spec.timeout * 1000);
  });
});

describe('transactionalIdPrefix', () => {
  it('is the prefix variable and the function name, as functions/platform builds it', () => {
    expect(transactionalIdPrefix('kafka-event-sourcing-dev-placeOrder')).toBe(
      'kes-kafka-event-sourcing-dev-placeOrder',
    );
  });
});

describe('tables', () => {
  it('expires idempotency keys on expiresAt and nothing else', () => {
    const withTtl = Object.entries(tables).filter(([, spec]) => 'ttlAttribute' in spec);
    expect(withTtl.map(([key]) => key)).toEqual(['idempotency']);
    expect(tables.idempotency.ttlAttribute).toBe('expiresAt');
  });

  it('indexes order views by customer', () => {
    expect(tables.orderViews.definition.indexes).toEqual([
      { name: 'by-customer', partitionKey: 'customerId', sortKey: 'statusPlacedAt' },
    ]);
  });
});

describe('serviceEnvironment', () => {
  it('names every topic and table variable the services read', () => {
    const env = serviceEnvironment((key) => `table-${key}`);
    expect(env).toEqual({
      ORDER_TOPIC: 'orders',
      INVENTORY_TOPIC: 'inventory',
      PAYMENT_TOPIC: 'payments',
      DEAD_LETTER_TOPIC: 'dead-letters',
      FAILURE_TOPIC: 'lambda-failures',
      ORDER_HEADS_TABLE: 'table-orderHeads',
      ORDER_VIEWS_TABLE: 'table-orderViews',
      INVENTORY_HEADS_TABLE: 'table-inventoryHeads',
      INVENTORY_ENTITIES_TABLE: 'table-inventoryEntities',
      INVENTORY_VIEWS_TABLE: 'table-inventoryViews',
      ACCOUNT_HEADS_TABLE: 'table-accountHeads',
      ACCOUNT_ENTITIES_TABLE: 'table-accountEntities',
      ACCOUNT_VIEWS_TABLE: 'table-accountViews',
      IDEMPOTENCY_TABLE: 'table-idempotency',
      CHECKPOINTS_TABLE: 'table-checkpoints',
      EVENT_INDEX_TABLE: 'table-eventIndex',
      PROJECTION_VERSIONS_TABLE: 'table-projectionVersions',
    });
    expect(Object.values(FRAMEWORK_ENV)).toEqual(
      expect.arrayContaining(['MSK_CLUSTER_ARN', 'KAFKA_AUTH', 'KAFKA_TRANSACTION_TIMEOUT_MS']),
    );
  });
});

describe('topicConfigs', () => {
  it('creates six partitions per event topic at the environment replication factor', () => {
    const configs = topicConfigs(REPLICATION_FACTOR.msk);
    expect(configs.map((config) => config.topic)).toEqual([
      'orders',
      'inventory',
      'payments',
      'dead-letters',
      'lambda-failures',
    ]);
    for (const name of ['orders', 'inventory', 'payments']) {
      expect(configs.find((config) => config.topic === name)).toMatchObject({
        numPartitions: 6,
        replicationFactor: 3,
        configEntries: expect.arrayContaining([{ name: 'retention.ms', value: '-1' }]),
      });
    }
    expect(topicConfigs(REPLICATION_FACTOR.local).every((config) => config.replicationFactor === 1)).toBe(
      true,
    );
  });
});
