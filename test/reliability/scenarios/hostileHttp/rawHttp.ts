import { Agent, request } from 'node:http';
import type { HostileRequest } from './arbitraries';

export interface RawReply {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/**
 * Sends a request byte for byte as described — raw path (no URL normalisation, unlike fetch), header
 * pairs in order with duplicates, the body with its exact length — over a keep-alive agent.
 *
 * @example
 * const send = rawSender(system.runtime.url, 8);
 * const reply = await send({ kind: 'routing', method: 'GET', path: '/../x', headers: [], body: Buffer.alloc(0) });
 */
export function rawSender(baseUrl: string, sockets: number) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const send = (
    req: Pick<HostileRequest, 'method' | 'path' | 'headers' | 'body'>,
    extra: [string, string][] = [],
  ) =>
    new Promise<RawReply>((resolve, reject) => {
      const headers = [
        ...req.headers,
        ...extra,
        ['Host', `${hostname}:${port}`],
        ['Content-Length', String(req.body.length)],
      ].flat();
      const outgoing = request(
        { host: hostname, port, method: req.method, path: req.path, headers, agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              contentType: response.headers['content-type'] ?? '',
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.setTimeout(30_000, () =>
        outgoing.destroy(new Error(`${req.method} ${req.path}: no answer in 30 s`)),
      );
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
  return { send, close: () => agent.destroy() };
}
