import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** A DynamoDB-compatible endpoint (dynalite, in memory) on a thread of this process. */
export interface RunningDynamo {
  /** e.g. `http://127.0.0.1:41234` */
  endpoint: string;
  stop(): Promise<void>;
}

type ThreadMessage = { port?: number; error?: string; stopped?: boolean };

/**
 * Starts dynalite, in memory, on `port` (0 or absent: a free port), in a worker thread: the local
 * runtime and the tests run every handler, the AWS SDK and kafkajs on the main thread, and
 * dynalite's own work (HTTP, validation, its LevelDB in memory) would otherwise compete with them
 * for that one thread. Measured with 2,000 orders through the whole saga: see docs/BENCHMARKS.md.
 *
 * Tables become ACTIVE at once (AWS takes seconds) so tests need not poll; everything else keeps
 * DynamoDB's limits. dynalite has no transactions, TTL or streams: the design never needs them.
 *
 * @example
 * const dynamo = await startLocalDynamo();
 * process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
 * await dynamo.stop();
 */
export async function startLocalDynamo(port = 0): Promise<RunningDynamo> {
  const thread = new Worker(join(__dirname, 'dynaliteThread.mjs'), { workerData: { port } });
  const next = () =>
    new Promise<ThreadMessage>((resolve, reject) => {
      thread.once('message', resolve);
      thread.once('error', reject);
    });
  const started = await next();
  if (started.port === undefined) {
    await thread.terminate();
    throw new Error(`dynalite did not start: ${started.error ?? 'no port'}`);
  }
  // An idle thread must not keep the process alive (a runtime stopped without stop()).
  thread.unref();
  return {
    endpoint: `http://127.0.0.1:${started.port}`,
    stop: async () => {
      const stopped = next();
      thread.postMessage('stop');
      await stopped;
      await thread.terminate();
    },
  };
}
