import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LambdaContextOptions {
  functionName: string;
  timeoutMs: number;
  region: string;
  accountId: string;
  memoryLimitInMB?: number;
  /** Receives what the deprecated `context.done/succeed/fail` report, like the callback does. */
  settle?: (error: unknown, result?: unknown) => void;
}

/**
 * A Lambda `Context` for one invocation: a fresh `awsRequestId`, ARN and log names built like the real
 * ones, and `getRemainingTimeInMillis` counting down from the function's timeout.
 *
 * @example
 * const context = createLambdaContext({ functionName: 'post-orders', timeoutMs: 10_000, region: 'eu-west-1', accountId: '123456789012' });
 */
export function createLambdaContext(options: LambdaContextOptions): Context {
  const { functionName, region, accountId } = options;
  const deadline = Date.now() + options.timeoutMs;
  const settle = options.settle ?? (() => undefined);
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (error?: Error, result?: unknown) => settle(error, result),
    fail: (error: Error | string) => settle(error),
    succeed: (result: unknown) => settle(undefined, result),
  };
}
