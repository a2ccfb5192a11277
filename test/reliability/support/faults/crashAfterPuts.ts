import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** What a crashed invocation's writes see: the process is gone, nothing more reaches DynamoDB. */
export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

export interface CrashSwitch {
  /** From now on, the put after `puts` more successful ones crashes, and so does every put after it. */
  arm(puts: number): void;
  /** Ends the crash and disarms (the next invocation is a fresh process); true when this one crashed. */
  endInvocation(): boolean;
  readonly stats: { puts: number; crashedPuts: number; crashes: number };
}

/**
 * Makes a projection's client behave as if its process died after N puts of a batch: the (N+1)th
 * put and every later one of the same invocation fail before reaching DynamoDB. The SDK does not
 * retry it (no `$metadata`, a client error). An SDK middleware, so the store under test is the
 * real DynamoSnapshotStore, untouched.
 *
 * @example
 * const crash = crashAfterPuts(client);
 * crash.arm(3); // the 4th put of the next batch crashes it
 */
export function crashAfterPuts(client: DynamoDBClient, name = 'crashAfterPuts'): CrashSwitch {
  let allowance: number | undefined;
  let crashed = false;
  const stats = { puts: 0, crashedPuts: 0, crashes: 0 };
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName !== 'PutItemCommand') return next(args);
      if (!crashed && allowance !== undefined && allowance <= 0) {
        crashed = true;
        allowance = undefined;
        stats.crashes += 1;
      }
      if (crashed) {
        stats.crashedPuts += 1;
        return Promise.reject(new SimulatedCrash('the process died before this put'));
      }
      if (allowance !== undefined) allowance -= 1;
      stats.puts += 1;
      return next(args);
    },
    { step: 'initialize', name },
  );
  return {
    arm: (puts) => void (allowance = puts),
    endInvocation: () => {
      const was = crashed;
      crashed = false;
      allowance = undefined;
      return was;
    },
    stats,
  };
}
