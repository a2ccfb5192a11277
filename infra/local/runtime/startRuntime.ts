import type { Context, MSKEvent } from 'aws-lambda';
import { Kafka, logLevel, type logCreator } from 'kafkajs';
import { createDynamoClient } from '../../../lib/dynamodb/dynamoClient';
import { startHttpApi, type RouteDefinition } from '../../../lib/local/httpApi';
import {
  createJwtAuthorizer,
  jwtSettingsFromEnv,
  type JwtAuthorizerSettings,
} from '../../../lib/local/httpApi/jwtAuthorizer';
import {
  startMskEventSource,
  type MskEventSource,
  type MskEventSourceOptions,
  type MskEventSourceStats,
} from '../../../lib/local/mskEventSource';
import { closePlatform } from '../../../functions/platform/platform';
import {
  functions,
  isProjectionFunction,
  type FunctionSpec,
  type MskSource,
  type RedriveSource,
} from '../../topology';
import { OPEN_WARNING, tokenHelp } from './authNotice';
import { loadHandler } from './loadHandler';
import { localEnvironment, localNames, type LocalNames } from './localNames';
import { runProjectionVersions } from './projectionVersions';
import { provision } from './provision';
import { withRequestLog } from './requestLog';

export interface RuntimeOptions {
  kafkaBrokers: readonly string[];
  dynamoEndpoint: string;
  /** HTTP port; 0 picks a free one. */
  port?: number;
  /** Scopes topics, tables and groups (tests run one runtime per file on one broker). */
  namePrefix?: string;
  /** Batching window override in seconds (tests use 0 for speed); default: the topology's. */
  batchingWindowSeconds?: number;
  /** How often scheduled functions run; default their schedule (1 minute). */
  scheduleMs?: number;
  log?: (line: string) => void;
  /**
   * Verify JWTs on every non-public route as API Gateway's authorizer does. Default: from
   * LOCAL_JWT_SECRET (or LOCAL_JWT_PUBLIC_KEY), LOCAL_JWT_ISSUER and LOCAL_JWT_AUDIENCE; none set:
   * every route is open and nobody is checked (AUTH_MODE=open).
   */
  jwt?: JwtAuthorizerSettings;
}

export interface LocalRuntime {
  url: string;
  /** The variables the functions run with: what the operating tools need to reach this stack. */
  environment: Record<string, string>;
  /** Resolves when every event source has nothing left to process, twice in a row (reactions chain). */
  waitUntilIdle(timeoutMs?: number): Promise<void>;
  invoke(functionName: string, event?: unknown): Promise<unknown>;
  /**
   * Each consuming function's mapping on its topic (its redrive mapping left out): invocations and
   * records so far, counted since the runtime started — what a window costs in invocations per event.
   */
  consumerStats(): Record<string, MskEventSourceStats>;
  stop(): Promise<void>;
}

/**
 * The whole system on the local stack: topics and tables from the topology, the HTTP API on the real
 * handlers, every projection and reactor behind an MSK event source emulator with the topology's
 * settings (those serverless.yml deploys), and the scheduled recovery function.
 */
export async function startRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  const log = options.log ?? ((line: string) => console.log(line));
  const names = localNames(options.namePrefix);
  const jwt = options.jwt ?? jwtSettingsFromEnv(process.env);
  const environment = { ...localEnvironment(names, options), AUTH_MODE: jwt ? 'jwt' : 'open' };
  Object.assign(process.env, environment);
  let stopped = false;
  const kafka = new Kafka({
    clientId: 'local-runtime',
    brokers: [...options.kafkaBrokers],
    logLevel: logLevel.WARN,
    logCreator: silencedAfterStop(() => stopped),
  });
  const dynamo = createDynamoClient({
    AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
    DYNAMODB_ENDPOINT: options.dynamoEndpoint,
  });
  await provision(kafka, dynamo, names);

  const handlers = new Map<string, ReturnType<typeof loadHandler>>();
  for (const spec of functions) handlers.set(spec.name, loadHandler(spec));
  const handlerOf = (name: string) => handlers.get(name)!;

  const authorizer = jwt && createJwtAuthorizer(jwt);
  log(authorizer ? tokenHelp() : OPEN_WARNING);
  const routes: RouteDefinition[] = functions
    .filter((spec): spec is FunctionSpec & { http: NonNullable<FunctionSpec['http']> } => !!spec.http)
    .map((spec) => ({
      method: spec.http.method,
      path: spec.http.path,
      functionName: spec.name,
      timeoutSeconds: spec.timeout,
      ...(!spec.public && authorizer ? { authorizer, ...(spec.scopes ? { scopes: spec.scopes } : {}) } : {}),
      handler: withRequestLog(spec.name, handlerOf(spec.name) as never, log),
    }));
  const api = await startHttpApi({ routes, port: options.port ?? 0, log });

  const sources: MskEventSource[] = [];
  const consumers = new Map<string, MskEventSource>();
  const start = async (spec: FunctionSpec, handler: MskHandler) => {
    const mappings = await startMappings(spec, handler, { kafka, names, options, log });
    if (mappings[0]) consumers.set(spec.name, mappings[0]);
    return mappings;
  };
  for (const spec of functions.filter((each) => !isProjectionFunction(each))) {
    sources.push(...(await start(spec, handlerOf(spec.name) as unknown as MskHandler)));
  }
  // Projections run one mapping per version the registry lists (version 1 alone until a rebuild).
  const versions = await runProjectionVersions({ kafka, dynamo, names, start, sources, log });

  const timers = functions
    .filter((spec) => spec.schedule)
    .map((spec) =>
      setInterval(() => {
        handlerOf(spec.name)({} as never, {} as never).catch((error: unknown) =>
          log(
            JSON.stringify({ level: 'error', type: 'schedule', function: spec.name, error: String(error) }),
          ),
        );
      }, options.scheduleMs ?? 60_000),
    );

  return {
    url: api.url,
    environment,
    waitUntilIdle: (timeoutMs = 30_000) => waitUntilSettled(sources, timeoutMs),
    invoke: (name, event = {}) => handlerOf(name)(event as never, {} as never),
    consumerStats: () =>
      Object.fromEntries([...consumers].map(([name, source]) => [name, source.stats()] as const)),
    stop: async () => {
      timers.forEach((timer) => clearInterval(timer));
      await versions.stop();
      await api.stop();
      await Promise.allSettled(sources.map((source) => source.stop()));
      await closePlatform();
      dynamo.destroy();
      stopped = true;
    },
  };
}

type MskHandler = (event: MSKEvent, context: Context) => Promise<unknown>;

/**
 * kafkajs's own console lines (its default logger's JSON), until the runtime has stopped. A consumer
 * that crashed while its brokers were going away can still be finishing its disconnect and log its
 * connection errors after stop() returned: noise to a person, and, under jest, a failed run
 * ("Cannot log after tests are done").
 */
function silencedAfterStop(silenced: () => boolean): logCreator {
  return () =>
    ({ namespace, level, label, log: entry }) => {
      if (silenced()) return;
      const prefix = namespace ? `[${namespace}] ` : '';
      const line = JSON.stringify({ level: label, ...entry, message: `${prefix}${entry.message}` });
      if (level === logLevel.ERROR) console.error(line);
      else if (level === logLevel.WARN) console.warn(line);
      else console.log(line);
    };
}

/** A function's event source mappings: on its topic, and (redrive) on the failure topic. */
async function startMappings(
  spec: FunctionSpec,
  handler: MskHandler,
  {
    kafka,
    names,
    options,
    log,
  }: { kafka: Kafka; names: LocalNames; options: RuntimeOptions; log: (line: string) => void },
): Promise<MskEventSource[]> {
  if (!spec.msk) return [];
  const common = {
    kafka,
    functionName: spec.name,
    functionTimeoutSeconds: spec.timeout,
    bootstrapServers: options.kafkaBrokers.join(','),
    handler,
    log: (entry: object) => log(JSON.stringify({ level: 'info', type: 'batch', ...entry })),
  };
  const window = (seconds: number) => options.batchingWindowSeconds ?? seconds;
  const mapping = (source: MskSource | RedriveSource, settings: Partial<MskEventSourceOptions>) =>
    startMskEventSource({
      ...common,
      topics: [names.topic(source.topic)],
      consumerGroupId: names.group(source.consumerGroupId),
      batchSize: source.batchSize,
      maximumBatchingWindowSeconds: window(source.maximumBatchingWindow),
      startingPosition: source.startingPosition,
      ...settings,
    });
  const { msk } = spec;
  const mappings = [
    await mapping(msk, {
      maximumRetryAttempts: msk.maximumRetryAttempts,
      bisectBatchOnFunctionError: msk.bisectBatchOnFunctionError,
      onFailureTopic: names.topic(msk.onFailure),
    }),
  ];
  // The second mapping, on the failure topic: retried forever, with no destination, as on AWS.
  if (spec.redrive) mappings.push(await mapping(spec.redrive, { maximumRetryAttempts: -1 }));
  return mappings;
}

/** Reactions produce events for other consumers: idle means every source idle after a full pass. */
async function waitUntilSettled(sources: readonly MskEventSource[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const invocations = () => sources.reduce((sum, source) => sum + source.stats().invocations, 0);
  for (;;) {
    const before = invocations();
    for (const source of sources)
      await source.waitUntilIdle({ timeoutMs: Math.max(1, deadline - Date.now()) });
    if (invocations() === before) return;
  }
}
