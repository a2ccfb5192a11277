import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

/** An in-process DynamoDB-compatible endpoint (dynalite, in memory). */
export interface RunningDynamo {
  /** e.g. `http://127.0.0.1:41234` */
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts dynalite in this process, in memory, on `port` (0 or absent: a free port).
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
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets from SDK clients would hold close() open until they time out.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
