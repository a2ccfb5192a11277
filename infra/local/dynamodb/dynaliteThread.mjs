// The body of dynalite's worker thread (plain JavaScript: a worker runs outside tsx and ts-jest).
// It serves on the port it is given and reports the port it bound; on 'stop' it closes.
import dynalite from 'dynalite';
import { parentPort, workerData } from 'node:worker_threads';

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.once('error', (error) => parentPort.postMessage({ error: String(error) }));
server.listen(workerData.port, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  // Keep-alive sockets from SDK clients would hold close() open until they time out.
  server.closeAllConnections();
  server.close(() => parentPort.postMessage({ stopped: true }));
});
