import net from 'node:net';

/**
 * `count` distinct TCP ports that were free a moment ago on 127.0.0.1, found by letting the OS pick
 * (binding port 0). All listeners stay open until every port is picked, so the ports differ. Another
 * process could still take one before the broker binds it; the broker then exits early and the start
 * fails with the log tail rather than hanging.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, listenOnAnyPort));
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function listenOnAnyPort(): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
