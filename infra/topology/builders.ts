// How each kind of function is described: one builder per kind, the defaults in one place.
// Part of infra/topology (index.ts says what it is for).
import type { FunctionSpec, MskSource, RedriveSource } from './specs';
import { topics, type TableKey, type TopicKey } from './storage';

/** Each service's write side (heads, and entities where its decider keeps some), read model and topic. */
export const services = {
  order: { state: ['orderHeads'], views: 'orderViews', topic: 'orders' },
  inventory: { state: ['inventoryHeads', 'inventoryEntities'], views: 'inventoryViews', topic: 'inventory' },
  payment: { state: ['accountHeads', 'accountEntities'], views: 'accountViews', topic: 'payments' },
} as const satisfies Record<string, { state: readonly TableKey[]; views: TableKey; topic: TopicKey }>;

export type Service = keyof typeof services;

export const NONE = { reads: [], writes: [], produces: [], transactional: false } as const;
// API Gateway gives up after 30 s; 10 s bounds a command and keeps its Kafka transaction short.
export const HTTP_TIMEOUT = 10;
// Reactors run one command (one transaction) per source event of a batch; projections batch writes.
const CONSUMER_TIMEOUT = 60;

export const handlerOf = (service: Service | 'platform', file: string) =>
  `functions/${service}/handlers/${file}.handler`;

export function command(service: Service, name: string, method: 'POST', path: string): FunctionSpec {
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

/** A read-model query; `?version=`/`?at=` fold the aggregate from the log (time travel). */
export function query(service: Service, name: string, path: string): FunctionSpec {
  const { views, topic } = services[service];
  return {
    ...NONE,
    name,
    handler: handlerOf(service, name),
    http: { method: 'GET', path },
    timeout: HTTP_TIMEOUT,
    // The live version's table is named in the projection versions record.
    reads: [views, 'eventIndex', 'projectionVersions'],
    queries: ['eventIndex'],
    readsLog: [topic],
  };
}

/** An aggregate's events, read back from the log. */
export function history(service: Service, name: string, path: string): FunctionSpec {
  const { topic } = services[service];
  const http = { method: 'GET', path } as const;
  const index = ['eventIndex'] as const;
  return {
    ...NONE,
    name,
    handler: handlerOf(service, name),
    http,
    timeout: HTTP_TIMEOUT,
    reads: index,
    queries: index,
    readsLog: [topic],
  };
}

/** A route served without a token, touching nothing. */
export function publicRoute(name: string, path: string): FunctionSpec {
  const http = { method: 'GET', path } as const;
  return { ...NONE, name, handler: handlerOf('platform', name), http, public: true, timeout: HTTP_TIMEOUT };
}

/**
 * The batching window of each role's mappings, in seconds. AWS takes whole seconds only (0–300;
 * Kafka's 500 ms default cannot be set, only left unset), so below 1 s the choice is 0 or nothing.
 * - A reactor is one hop of a saga: a window there is paid again at every hop (place → PAYMENT
 *   crosses two reactors and a projection; at 1 s each it took 3.3 s), so none.
 * - A projection is what a read after a command waits for (`minVersion`): 1 s would put a second
 *   into every read-your-writes, so none either. It still coalesces: a mapping invokes one batch per
 *   partition at a time, and what arrives meanwhile is the next batch, so batches grow with the load
 *   (B8 measures invocations per event under both).
 * - An indexer is what a history read waits for: at 1 s, `GET /orders/{id}/events` right after a
 *   command answered 404 (no version indexed yet), so none.
 * - A redrive mapping is waited on by nobody (failures are rare and already late): 1 s.
 */
export const BATCHING_WINDOWS = { reactor: 0, projection: 0, indexer: 0, redrive: 1 } as const;

export type ConsumerRole = keyof typeof BATCHING_WINDOWS;

export function redriveOf(consumerGroupId: string): RedriveSource {
  const group = `${consumerGroupId}-redrive`;
  return {
    topic: 'lambdaFailures',
    consumerGroupId: group,
    batchSize: 10,
    maximumBatchingWindow: BATCHING_WINDOWS.redrive,
    startingPosition: 'TRIM_HORIZON',
  };
}

/** The mapping defaults: bounded retries with bisection isolate a poison record instead of blocking. */
export function mskSource(
  topic: TopicKey,
  consumerGroupId: string,
  batchSize: number,
  role: Exclude<ConsumerRole, 'redrive'>,
): MskSource {
  return {
    topic,
    consumerGroupId,
    batchSize,
    maximumBatchingWindow: BATCHING_WINDOWS[role],
    startingPosition: 'TRIM_HORIZON',
    maximumRetryAttempts: 10,
    bisectBatchOnFunctionError: true,
    onFailure: 'lambdaFailures',
  };
}

export function projection(service: Service, name: string, file: string): FunctionSpec {
  const { views, topic } = services[service];
  return {
    name,
    handler: handlerOf(service, file),
    msk: mskSource(topic, `${service}-views`, 100, 'projection'),
    redrive: redriveOf(`${service}-views`),
    timeout: CONSUMER_TIMEOUT,
    // Gaps are filled from the log: the index says where, the topic has the events. The versions
    // record says whether this version is being built (bulk writes) or kept current.
    reads: [views, 'eventIndex', 'projectionVersions'],
    queries: ['eventIndex'],
    readsLog: [topic],
    writes: [views],
    produces: ['deadLetters'],
    transactional: false,
  };
}

/** The index of where `service`'s events sit (one mapping on its topic). */
export function indexer(service: Service, name: string): FunctionSpec {
  const { topic } = services[service];
  return {
    ...NONE,
    name,
    handler: handlerOf('platform', 'indexEvents'),
    msk: mskSource(topic, `${service}-index`, 100, 'indexer'),
    redrive: redriveOf(`${service}-index`),
    timeout: CONSUMER_TIMEOUT,
    writes: ['eventIndex'],
  };
}

/** A reactor of `service` consuming `source`: it runs `service`'s commands, so it writes its heads. */
export function reactor(service: Service, name: string, file: string, source: TopicKey): FunctionSpec {
  const { topic } = services[service];
  const state = [...services[service].state, 'checkpoints'] as const;
  const group = `${service}-reacts-to-${topics[source].name}`;
  return {
    name,
    handler: handlerOf(service, file),
    msk: mskSource(source, group, 20, 'reactor'),
    redrive: redriveOf(group),
    timeout: CONSUMER_TIMEOUT,
    reads: [...state, 'eventIndex'],
    queries: ['eventIndex'],
    readsLog: [source],
    writes: state,
    produces: [topic, 'deadLetters'],
    transactional: true,
  };
}
