/**
 * What the system is made of — topics, tables, functions — as plain data. The local runtime
 * (`npm start`) and the AWS deployment (`serverless.yml` through `infra/aws/`) both read it, so a
 * route, a consumer group or a table key exists in one place only. No I/O here.
 */
import { ORDER_VIEW_INDEXES } from '../functions/order/projection/orderView';
import { Scope } from '../functions/platform/scopes';
import type { TableDefinition } from '../lib/dynamodb/tableDefinition';
import { entityTableDefinition } from '../lib/entities/dynamoEntityStore';
import { headTableDefinition } from '../lib/heads/dynamoHeadStore';
import { idempotencyTableDefinition } from '../lib/idempotency/dynamoIdempotencyStore';
import { snapshotTableDefinition } from '../lib/snapshots/snapshotTable';

export interface TopicSpec {
  readonly name: string;
  /** The variable that carries the name to producers; unset for topics only AWS writes to. */
  readonly envVar?: string;
  readonly partitions: number;
  /** Topic-level configuration; replication is chosen per environment ({@link REPLICATION_FACTOR}). */
  readonly config: Readonly<Record<string, string>>;
}

// The event topics are the event log: projections are rebuilt by replaying them, so nothing expires.
const eventLog = { 'cleanup.policy': 'delete', 'retention.ms': '-1' } as const;
const thirtyDays = { 'cleanup.policy': 'delete', 'retention.ms': String(30 * 24 * 3600 * 1000) } as const;

export const topics = {
  orders: { name: 'orders', envVar: 'ORDER_TOPIC', partitions: 6, config: eventLog },
  inventory: { name: 'inventory', envVar: 'INVENTORY_TOPIC', partitions: 6, config: eventLog },
  payments: { name: 'payments', envVar: 'PAYMENT_TOPIC', partitions: 6, config: eventLog },
  deadLetters: { name: 'dead-letters', envVar: 'DEAD_LETTER_TOPIC', partitions: 3, config: thirtyDays },
  /** The event source mappings' on-failure destination (`kafka://lambda-failures`). */
  lambdaFailures: { name: 'lambda-failures', partitions: 3, config: thirtyDays },
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof topics;

/** Replicas per partition: the three MSK brokers, or the single local broker. */
export const REPLICATION_FACTOR = { msk: 3, local: 1 } as const;

export interface TableSpec {
  readonly envVar: string;
  readonly definition: TableDefinition;
  /** Views are rebuilt from the topics; the other kinds are state that cannot be recomputed. */
  readonly kind: 'heads' | 'entities' | 'views' | 'idempotency' | 'checkpoints';
  /** Epoch-seconds attribute after which DynamoDB may delete the item. */
  readonly ttlAttribute?: string;
}

export const tables = {
  orderHeads: { envVar: 'ORDER_HEADS_TABLE', definition: headTableDefinition, kind: 'heads' },
  orderViews: {
    envVar: 'ORDER_VIEWS_TABLE',
    // The projection owns its indexes (GSI `by-customer` for GET /orders?customerId=…).
    definition: snapshotTableDefinition(ORDER_VIEW_INDEXES),
    kind: 'views',
  },
  inventoryHeads: { envVar: 'INVENTORY_HEADS_TABLE', definition: headTableDefinition, kind: 'heads' },
  /** One item per reservation (sku × order), outside the sku's head: docs/PROTOCOL.md, "Entities". */
  inventoryEntities: {
    envVar: 'INVENTORY_ENTITIES_TABLE',
    definition: entityTableDefinition,
    kind: 'entities',
  },
  inventoryViews: { envVar: 'INVENTORY_VIEWS_TABLE', definition: snapshotTableDefinition(), kind: 'views' },
  accountHeads: { envVar: 'ACCOUNT_HEADS_TABLE', definition: headTableDefinition, kind: 'heads' },
  /** One item per charge (account × order). */
  accountEntities: { envVar: 'ACCOUNT_ENTITIES_TABLE', definition: entityTableDefinition, kind: 'entities' },
  accountViews: { envVar: 'ACCOUNT_VIEWS_TABLE', definition: snapshotTableDefinition(), kind: 'views' },
  idempotency: {
    envVar: 'IDEMPOTENCY_TABLE',
    definition: idempotencyTableDefinition,
    kind: 'idempotency',
    ttlAttribute: 'expiresAt',
  },
  checkpoints: { envVar: 'CHECKPOINTS_TABLE', definition: snapshotTableDefinition(), kind: 'checkpoints' },
} as const satisfies Record<string, TableSpec>;

export type TableKey = keyof typeof tables;

/** Variables `lib/config/infraConfig.ts` reads; `AWS_REGION` is set by Lambda itself. */
export const FRAMEWORK_ENV = {
  clusterArn: 'MSK_CLUSTER_ARN',
  auth: 'KAFKA_AUTH',
  transactionTimeout: 'KAFKA_TRANSACTION_TIMEOUT_MS',
  appendTimeout: 'KAFKA_APPEND_TIMEOUT_MS',
  clientId: 'KAFKA_CLIENT_ID',
  transactionalIdPrefix: 'KAFKA_TRANSACTIONAL_ID_PREFIX',
} as const;

/** The value of `KAFKA_TRANSACTIONAL_ID_PREFIX` (functions/platform/config.ts defaults to it too). */
export const TRANSACTIONAL_ID_PREFIX = 'kes';

/**
 * What every transactional id of a function starts with: functions/platform/eventLog.ts builds
 * `<KAFKA_TRANSACTIONAL_ID_PREFIX>-<function name>`, then the event log appends
 * `-<execution environment>-<slot>`. IAM grants exactly `<this>-*`.
 */
export function transactionalIdPrefix(functionName: string): string {
  return `${TRANSACTIONAL_ID_PREFIX}-${functionName}`;
}

/** An MSK event source mapping, in the terms of `CreateEventSourceMapping`. */
export interface MskSource {
  readonly topic: TopicKey;
  /** Fixed for the life of the mapping: a new id starts over from TRIM_HORIZON. */
  readonly consumerGroupId: string;
  readonly batchSize: number;
  /** Seconds. */
  readonly maximumBatchingWindow: number;
  readonly startingPosition: 'TRIM_HORIZON';
  readonly maximumRetryAttempts: number;
  readonly bisectBatchOnFunctionError: boolean;
  /** The topic (same cluster) that receives batches still failing after the retries. */
  readonly onFailure: TopicKey;
}

export interface FunctionSpec {
  readonly name: string;
  /** `<file without extension>.<export>`, as Lambda and serverless.yml spell it. */
  readonly handler: string;
  readonly http?: { readonly method: 'GET' | 'POST'; readonly path: string };
  /** A command route (Idempotency-Key, If-Match). */
  readonly command?: boolean;
  /** Served without a token (`/health`, `/openapi.json`); every other route is behind the JWT authorizer. */
  readonly public?: boolean;
  /** Scopes API Gateway requires before invoking (`authorizationScopes`): one of them must be in the token. */
  readonly scopes?: readonly string[];
  readonly msk?: MskSource;
  /** An EventBridge schedule expression. */
  readonly schedule?: string;
  /** Seconds. */
  readonly timeout: number;
  /** Tables read by key (GetItem, BatchGetItem). */
  readonly reads: readonly TableKey[];
  /** Tables queried through their secondary indexes. */
  readonly queries?: readonly TableKey[];
  readonly writes: readonly TableKey[];
  readonly produces: readonly TopicKey[];
  /** Produces inside Kafka transactions (commands, reactors, recovery), not just idempotently. */
  readonly transactional: boolean;
}

/** Each service's write side (heads, and entities where its decider keeps some), read model and topic. */
const services = {
  order: { state: ['orderHeads'], views: 'orderViews', topic: 'orders' },
  inventory: { state: ['inventoryHeads', 'inventoryEntities'], views: 'inventoryViews', topic: 'inventory' },
  payment: { state: ['accountHeads', 'accountEntities'], views: 'accountViews', topic: 'payments' },
} as const satisfies Record<string, { state: readonly TableKey[]; views: TableKey; topic: TopicKey }>;

type Service = keyof typeof services;

const NONE = { reads: [], writes: [], produces: [], transactional: false } as const;
// API Gateway gives up after 30 s; 10 s bounds a command and keeps its Kafka transaction short.
const HTTP_TIMEOUT = 10;
// Reactors run one command (one transaction) per source event of a batch; projections batch writes.
const CONSUMER_TIMEOUT = 60;

const handlerOf = (service: Service | 'platform', file: string) =>
  `functions/${service}/handlers/${file}.handler`;

function command(service: Service, name: string, method: 'POST', path: string): FunctionSpec {
  const { topic } = services[service];
  const state = [...services[service].state, 'idempotency'] as const;
  return {
    name,
    handler: handlerOf(service, name),
    http: { method, path },
    command: true,
    timeout: HTTP_TIMEOUT,
    reads: state,
    writes: state,
    produces: [topic],
    transactional: true,
  };
}

function query(service: Service, name: string, path: string, byIndex = false): FunctionSpec {
  const { views } = services[service];
  return {
    ...NONE,
    name,
    handler: handlerOf(service, name),
    http: { method: 'GET', path },
    timeout: HTTP_TIMEOUT,
    reads: [views],
    ...(byIndex ? { queries: [views] } : {}),
  };
}

/** A route served without a token, touching nothing. */
function publicRoute(name: string, path: string): FunctionSpec {
  const http = { method: 'GET', path } as const;
  return { ...NONE, name, handler: handlerOf('platform', name), http, public: true, timeout: HTTP_TIMEOUT };
}

/** The mapping defaults: bounded retries with bisection isolate a poison record instead of blocking. */
function mskSource(topic: TopicKey, consumerGroupId: string, batchSize: number): MskSource {
  return {
    topic,
    consumerGroupId,
    batchSize,
    maximumBatchingWindow: 1,
    startingPosition: 'TRIM_HORIZON',
    maximumRetryAttempts: 10,
    bisectBatchOnFunctionError: true,
    onFailure: 'lambdaFailures',
  };
}

function projection(service: Service, name: string, file: string): FunctionSpec {
  const { views, topic } = services[service];
  return {
    name,
    handler: handlerOf(service, file),
    msk: mskSource(topic, `${service}-views`, 100),
    timeout: CONSUMER_TIMEOUT,
    reads: [views],
    writes: [views],
    produces: ['deadLetters'],
    transactional: false,
  };
}

/** A reactor of `service` consuming `source`: it runs `service`'s commands, so it writes its heads. */
function reactor(service: Service, name: string, file: string, source: TopicKey): FunctionSpec {
  const { topic } = services[service];
  const state = [...services[service].state, 'checkpoints'] as const;
  return {
    name,
    handler: handlerOf(service, file),
    msk: mskSource(source, `${service}-reacts-to-${topics[source].name}`, 20),
    timeout: CONSUMER_TIMEOUT,
    reads: state,
    writes: state,
    produces: [topic, 'deadLetters'],
    transactional: true,
  };
}

const allState = Object.values(services).flatMap((service) => service.state);
// The recovery function finds heads with a pending outbox through the heads' index.
const allHeads = allState.filter((key) => tables[key].kind === 'heads');

export const functions: readonly FunctionSpec[] = [
  command('order', 'placeOrder', 'POST', '/orders'),
  query('order', 'getOrder', '/orders/{orderId}'),
  query('order', 'listOrders', '/orders', true),
  command('order', 'submitPayment', 'POST', '/orders/{orderId}/payments'),
  command('order', 'fulfilOrder', 'POST', '/orders/{orderId}/fulfilment'),
  command('order', 'cancelOrder', 'POST', '/orders/{orderId}/cancellation'),
  {
    ...command('inventory', 'restockInventory', 'POST', '/inventory/{sku}/restocks'),
    scopes: [Scope.InventoryWrite],
  },
  query('inventory', 'getInventory', '/inventory/{sku}'),
  command('payment', 'depositFunds', 'POST', '/accounts/{customerId}/deposits'),
  query('payment', 'getAccount', '/accounts/{customerId}'),
  publicRoute('getOpenApi', '/openapi.json'),
  publicRoute('health', '/health'),
  projection('order', 'projectOrders', 'projectOrders'),
  reactor('order', 'orderReactsToInventory', 'reactToInventory', 'inventory'),
  reactor('order', 'orderReactsToPayments', 'reactToPayments', 'payments'),
  projection('inventory', 'projectInventory', 'projectInventory'),
  reactor('inventory', 'inventoryReactsToOrders', 'reactToOrders', 'orders'),
  projection('payment', 'projectAccounts', 'projectAccounts'),
  reactor('payment', 'paymentReactsToOrders', 'reactToOrders', 'orders'),
  {
    name: 'recoverPending',
    handler: handlerOf('platform', 'recoverPending'),
    schedule: 'rate(1 minute)',
    // Below the one-minute rate, so runs never overlap.
    timeout: 50,
    reads: allHeads,
    queries: allHeads,
    writes: allState,
    produces: Object.values(services).map((service) => service.topic),
    transactional: true,
  },
];

/**
 * The broker-side bound on an open transaction: above the function timeout, so a transaction is
 * never aborted under a live invocation, and as little above as possible, because a crashed
 * invocation's open transaction stalls `read_committed` readers of its partitions until then
 * (docs/PROTOCOL.md). 10 s commands get 30 s.
 */
export function transactionTimeoutMs(spec: Pick<FunctionSpec, 'timeout'>): number {
  return (spec.timeout + 20) * 1000;
}

/**
 * The bound on one Kafka append: the function timeout less 3 s for the command's DynamoDB calls and
 * the response, so a command held up by Kafka (e.g. acks=all waiting for a dead replica to be
 * fenced) answers 503 with an unknown outcome instead of being cut off by the timeout. 10 s → 7 s.
 */
export function appendTimeoutMs(spec: Pick<FunctionSpec, 'timeout'>): number {
  return Math.max(1, spec.timeout - 3) * 1000;
}

/** Every table a function touches, read, queried or written, once. */
export function tablesOf(spec: Pick<FunctionSpec, 'reads' | 'queries' | 'writes'>): TableKey[] {
  return [...new Set([...spec.reads, ...(spec.queries ?? []), ...spec.writes])];
}

/** The module path and export name of a handler: `functions/x/handlers/y.handler` → both parts. */
export function handlerModule(spec: Pick<FunctionSpec, 'handler'>): { file: string; exportName: string } {
  const dot = spec.handler.lastIndexOf('.');
  return { file: spec.handler.slice(0, dot), exportName: spec.handler.slice(dot + 1) };
}

/**
 * The service variables (topic and table names) every function receives; `tableName` gives the
 * environment's name (a CloudFormation Ref on AWS, a plain string locally).
 */
export function serviceEnvironment<T>(tableName: (key: TableKey) => T): Record<string, T | string> {
  const env: Record<string, T | string> = {};
  for (const topic of Object.values(topics)) {
    if ('envVar' in topic) env[topic.envVar] = topic.name;
  }
  for (const [key, table] of Object.entries(tables)) env[table.envVar] = tableName(key as TableKey);
  return env;
}

/** The topics as kafkajs `admin.createTopics` takes them, for the given replication factor. */
export function topicConfigs(replicationFactor: number) {
  return Object.values(topics).map((topic: TopicSpec) => ({
    topic: topic.name,
    numPartitions: topic.partitions,
    replicationFactor,
    configEntries: Object.entries(topic.config).map(([name, value]) => ({ name, value })),
  }));
}
