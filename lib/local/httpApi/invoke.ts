import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createLambdaContext, type LambdaContextOptions } from './lambdaContext';
import type { RouteDefinition } from './routes';

export type InvocationOutcome =
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; error: unknown }
  | { kind: 'timeout'; waitedMs: number };

/**
 * Calls a handler the way the Node.js runtime does: a returned promise decides the outcome, otherwise
 * the callback (or the deprecated `context.succeed/fail/done`) does; whatever comes first wins, and
 * `waitMs` (default: the function's timeout) ends the wait. The handler cannot be stopped in-process: after a timeout it may still run,
 * as a real function would until the sandbox is frozen.
 *
 * @example
 * const outcome = await invokeHandler(route.handler, event, { functionName, timeoutMs: 10_000, region, accountId });
 */
export function invokeHandler(
  handler: RouteDefinition['handler'],
  event: APIGatewayProxyEventV2,
  contextOptions: Omit<LambdaContextOptions, 'settle'>,
  waitMs = contextOptions.timeoutMs,
): Promise<InvocationOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: InvocationOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const settle = (error: unknown, result?: unknown) =>
      finish(error === undefined || error === null ? { kind: 'result', result } : { kind: 'error', error });
    const timer = setTimeout(() => finish({ kind: 'timeout', waitedMs: waitMs }), waitMs);
    const context = createLambdaContext({ ...contextOptions, settle });
    try {
      const returned = handler(event, context, settle);
      if (isPromiseLike(returned)) {
        returned.then(
          (result) => finish({ kind: 'result', result }),
          (error: unknown) => finish({ kind: 'error', error }),
        );
      }
    } catch (error) {
      finish({ kind: 'error', error });
    }
  });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}
