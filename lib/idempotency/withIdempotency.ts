import { AppError, ErrorKind } from '../errors/appError';
import type { IdempotencyStore, StoredResponse } from './idempotencyStore';

export interface IdempotencyOptions {
  store: IdempotencyStore;
  key: string;
  fingerprint: string;
  /** Turns a definitive failure (a 4xx) into the response to remember; undefined: do not remember. */
  rememberError: (error: unknown) => StoredResponse | undefined;
  /** Longer than a command can run (the function timeout): then a dead owner's lock is taken over. */
  lockMs?: number;
  retentionMs?: number;
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs `work` at most once per Idempotency-Key and request: a repeat gets the stored response, a
 * concurrent repeat a 409, the same key with another request a 422. Failures whose outcome is open
 * (unavailable, unknown) release the key, so the client's retry runs again; the command id derived
 * from the key then makes the command handler replay the original outcome if it had been applied.
 *
 * @example
 * return withIdempotency({ store, key, fingerprint, rememberError }, () => runCommand());
 */
export async function withIdempotency(
  options: IdempotencyOptions,
  work: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const now = options.now ?? Date.now;
  const retentionMs = options.retentionMs ?? DAY_MS;
  const { store, key, fingerprint } = options;
  const begun = await store.begin({
    key,
    fingerprint,
    lockMs: options.lockMs ?? 30_000,
    retentionMs,
    now: now(),
  });
  switch (begun.status) {
    case 'completed':
      return { ...begun.response, headers: { ...begun.response.headers, 'idempotent-replayed': 'true' } };
    case 'in_progress':
      throw new AppError(
        ErrorKind.IdempotencyConflict,
        `a request with Idempotency-Key ${key} is still in progress`,
      );
    case 'mismatch':
      throw new AppError(
        ErrorKind.IdempotencyMismatch,
        `Idempotency-Key ${key} was already used with a different request`,
      );
    case 'started':
      return runOnce(options, work, now() + retentionMs);
    default: {
      const unknown: never = begun;
      throw new Error(`unknown idempotency outcome ${JSON.stringify(unknown)}`);
    }
  }
}

async function runOnce(
  options: IdempotencyOptions,
  work: () => Promise<StoredResponse>,
  expiresAt: number,
): Promise<StoredResponse> {
  let response: StoredResponse;
  try {
    response = await work();
  } catch (error) {
    const remembered = options.rememberError(error);
    if (!remembered) {
      await options.store.release(options.key, options.fingerprint).catch(() => undefined);
      throw error;
    }
    response = remembered;
  }
  // If this write fails the key stays locked until lockMs passes; a retry after that runs the
  // command again with the same command id, which the handler answers from the head: still once.
  await options.store.complete(options.key, options.fingerprint, response, expiresAt).catch(() => undefined);
  return response;
}
