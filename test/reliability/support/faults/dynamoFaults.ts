import {
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
  type AttributeValue,
  type BatchGetItemCommandOutput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { WRITE_COMMANDS } from '../counters';
import { seededRandom } from './seededRandom';

/**
 * What can go wrong with a DynamoDB call, as the SDK would see it:
 * - `throttling`: ProvisionedThroughputExceededException / ThrottlingException (HTTP 400);
 * - `serverError`: InternalServerError (500); `unavailable`: ServiceUnavailable (503);
 * - `timeout`: the socket timed out before the request reached DynamoDB;
 * - `lostResponse`: a write that DynamoDB applied, whose response never came back (a timeout after
 *   the fact; the SDK's retry then repeats a write that already happened);
 * - `unprocessedKeys`: BatchGetItem answers only part of the keys.
 */
export type FaultKind =
  'throttling' | 'serverError' | 'unavailable' | 'timeout' | 'lostResponse' | 'unprocessedKeys';

export interface FaultOptions {
  /** Probability that one attempt (or one BatchGetItem answer) is hit. */
  readonly rate: number;
  readonly seed: number;
  /** Tables whose writes may suffer `lostResponse` (default none). */
  readonly lostResponseTables?: (table: string) => boolean;
}

export interface FaultStats {
  attempts: number;
  readonly injected: Record<FaultKind, number>;
  /** Lost responses per table name. */
  readonly lostResponsesByTable: Record<string, number>;
  /** Milliseconds between a failed attempt and the SDK's next attempt of the same call, per fault. */
  readonly retryGapsMs: Record<string, number[]>;
}

export interface FaultInjector {
  readonly stats: FaultStats;
  /** Faults happen only while enabled (default true). */
  enabled: boolean;
  detach(): void;
}

const ATTEMPT_FAULTS = ['throttling', 'serverError', 'unavailable', 'timeout'] as const;
const NAMES = { attempt: 'reliabilityAttemptFaults', batch: 'reliabilityUnprocessedKeys' } as const;

/**
 * Adds faults to a client from outside, through its middleware stack:
 * - at `finalizeRequest` with low priority, i.e. inside the SDK's retry loop (retryMiddleware is
 *   `finalizeRequest`/high), so every attempt may fail and the SDK's own backoff and retry quota
 *   decide what happens next, exactly as with a real service error;
 * - at `initialize` for BatchGetItem, outside the retries: UnprocessedKeys is not an error, the
 *   caller (lib/dynamodb/batchGetItems.ts) has to retry it.
 *
 * @example
 * const faults = injectDynamoFaults(getDynamo(), { rate: 0.1, seed: 7 });
 * ... load ...
 * faults.enabled = false;
 */
export function injectDynamoFaults(client: DynamoDBClient, options: FaultOptions): FaultInjector {
  const random = seededRandom(options.seed);
  const stats: FaultStats = {
    attempts: 0,
    injected: {
      throttling: 0,
      serverError: 0,
      unavailable: 0,
      timeout: 0,
      lostResponse: 0,
      unprocessedKeys: 0,
    },
    retryGapsMs: {},
    lostResponsesByTable: {},
  };
  const injector: FaultInjector = {
    stats,
    enabled: true,
    detach: () => Object.values(NAMES).forEach((name) => client.middlewareStack.remove(name)),
  };
  client.middlewareStack.add(
    (next, context) => {
      // One closure per send(): the state of one logical call across its attempts.
      let failedAt: { at: number; kind: FaultKind } | undefined;
      return async (args) => {
        stats.attempts += 1;
        if (failedAt) (stats.retryGapsMs[failedAt.kind] ??= []).push(Date.now() - failedAt.at);
        failedAt = undefined;
        const input = args.input as { TableName?: string };
        const isWrite = WRITE_COMMANDS.has(context.commandName ?? '');
        const hit = injector.enabled && random() < options.rate;
        if (!hit) return next(args);
        const lostResponse =
          isWrite && !!options.lostResponseTables?.(input.TableName ?? '') && random() < 0.25;
        const kind: FaultKind = lostResponse
          ? 'lostResponse'
          : ATTEMPT_FAULTS[Math.floor(random() * ATTEMPT_FAULTS.length)]!;
        stats.injected[kind] += 1;
        failedAt = { at: Date.now(), kind };
        if (kind === 'lostResponse') {
          countLostResponse(stats, input.TableName);
          await next(args);
        }
        throw faultError(kind, random());
      };
    },
    { step: 'finalizeRequest', priority: 'low', name: NAMES.attempt },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName !== 'BatchGetItemCommand' || !injector.enabled || random() >= options.rate)
        return result;
      if (holdBack(result.output as BatchGetItemCommandOutput)) stats.injected.unprocessedKeys += 1;
      return result;
    },
    { step: 'initialize', name: NAMES.batch },
  );
  return injector;
}

function countLostResponse(stats: FaultStats, table = ''): void {
  stats.lostResponsesByTable[table] = (stats.lostResponsesByTable[table] ?? 0) + 1;
}

function faultError(kind: FaultKind, dice: number): Error {
  const $metadata = (httpStatusCode: number) => ({
    httpStatusCode,
    requestId: 'injected',
    attempts: 1,
    totalRetryDelay: 0,
  });
  const message = `injected ${kind}`;
  switch (kind) {
    case 'throttling':
      return dice < 0.5
        ? new ProvisionedThroughputExceededException({ message, $metadata: $metadata(400) })
        : new ThrottlingException({ message, $metadata: $metadata(400) });
    case 'serverError':
      return new InternalServerError({ message, $metadata: $metadata(500) });
    case 'unavailable':
      return new DynamoDBServiceException({
        name: 'ServiceUnavailable',
        $fault: 'server',
        message,
        $metadata: $metadata(503),
      });
    case 'timeout':
    case 'lostResponse':
    case 'unprocessedKeys':
      // What @smithy/node-http-handler throws when the socket times out.
      return Object.assign(new Error(`${message}: socket timed out`), {
        name: 'TimeoutError',
        code: 'ETIMEDOUT',
      });
  }
}

type Item = Record<string, AttributeValue>;

/** Moves half the returned items of every table back to UnprocessedKeys (their keys only). */
function holdBack(output: BatchGetItemCommandOutput): boolean {
  let held = false;
  for (const [table, items] of Object.entries(output.Responses ?? {})) {
    if (items.length === 0) continue;
    const keep = items.slice(0, Math.floor(items.length / 2));
    const back = items.slice(keep.length).map((item): Item => ({ id: item.id! }));
    output.Responses![table] = keep;
    const unprocessed = (output.UnprocessedKeys ??= {});
    unprocessed[table] = { ...unprocessed[table], Keys: [...(unprocessed[table]?.Keys ?? []), ...back] };
    held = true;
  }
  return held;
}
