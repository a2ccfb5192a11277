import type { Context } from 'aws-lambda';
import { randomBytes, randomUUID } from 'node:crypto';

export interface LambdaContextOptions {
  readonly functionName: string;
  /** The region and account of the function ARN are taken from this ARN (the cluster's). */
  readonly clusterArn: string;
  readonly timeoutSeconds: number;
  readonly now?: () => number;
}

/**
 * A Lambda `Context` for one local invocation: a fresh `awsRequestId`, the names and ARNs a
 * function in the cluster's account and region would see, and a clock counting down the timeout.
 * The deprecated callback-style methods throw: handlers here are async.
 *
 * @example
 * await handler(event, lambdaContext({ functionName: 'project', clusterArn, timeoutSeconds: 60 }));
 */
export function lambdaContext(options: LambdaContextOptions): Context {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutSeconds * 1000;
  const day = new Date(now()).toISOString().slice(0, 10).replace(/-/g, '/');
  const unsupported = (name: string) => () => {
    throw new Error(`context.${name}() is not supported: return a promise from the handler`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn(options.functionName, options.clusterArn),
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}

/** The ARN the function would have in the cluster's region and account. */
export function functionArn(functionName: string, clusterArn: string): string {
  const [, , , region = 'eu-west-1', account = '000000000000'] = clusterArn.split(':');
  return `arn:aws:lambda:${region}:${account}:function:${functionName}`;
}
