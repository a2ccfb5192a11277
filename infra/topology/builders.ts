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

export function redriveOf(consumerGroupId: string): RedriveSource {
  const group = `${consumerGroupId}-redrive`;
  return {
    topic: 'lambdaFailures',
    consumerGroupId: group,
    batchSize: 10,
    maximumBatchingWindow: 1,
    startingPosition: 'TRIM_HORIZON',
  };
}

/** The mapping defaults: bounded retries with bisection isolate a poison record instead of blocking. */
export function mskSource(topic: TopicKey, consumerGroupId: string, batchSize: number): MskSource {
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

export function projection(service: Service, name: string, file: string): FunctionSpec {
  const { views, topic } = services[service];
  return {
    name,
    handler: handlerOf(service, file),
    msk: mskSource(topic, `${service}-views`, 100),
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
    msk: mskSource(topic, `${service}-index`, 100),
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
    msk: mskSource(source, group, 20),
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
