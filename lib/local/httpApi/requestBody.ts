import type { IncomingMessage } from 'node:http';

/** API Gateway's payload limit for HTTP APIs. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/**
 * Reads the request body, or returns `undefined` as soon as it is known to exceed `limit`: at once
 * from `content-length`, otherwise when the running count passes it. Nothing past the limit is kept;
 * the rest of an oversized body is read and discarded so that the client, still sending, can read
 * the 413 instead of seeing its connection reset.
 *
 * @example
 * const body = await readRequestBody(request); // undefined → answer 413
 */
export function readRequestBody(
  request: IncomingMessage,
  limit = MAX_REQUEST_BYTES,
): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      request.off('data', onData);
      request.resume();
      resolve(undefined);
    };
    request.on('data', onData);
    request.once('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    request.once('error', reject);
  });
}
