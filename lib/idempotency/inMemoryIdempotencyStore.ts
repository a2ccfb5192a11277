import type { BeginOutcome, BeginRequest, IdempotencyStore, StoredResponse } from './idempotencyStore';

interface Entry {
  fingerprint: string;
  response?: StoredResponse;
  lockedUntil: number;
  expiresAt: number;
}

/** In-memory {@link IdempotencyStore} with the same rules, for unit tests. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  readonly entries = new Map<string, Entry>();

  begin(request: BeginRequest): Promise<BeginOutcome> {
    const entry = this.entries.get(request.key);
    const free =
      !entry || entry.expiresAt < request.now || (!entry.response && entry.lockedUntil < request.now);
    if (free) {
      this.entries.set(request.key, {
        fingerprint: request.fingerprint,
        lockedUntil: request.now + request.lockMs,
        expiresAt: request.now + request.retentionMs,
      });
      return Promise.resolve({ status: 'started' });
    }
    if (entry.fingerprint !== request.fingerprint) return Promise.resolve({ status: 'mismatch' });
    return Promise.resolve(
      entry.response ? { status: 'completed', response: entry.response } : { status: 'in_progress' },
    );
  }

  complete(key: string, fingerprint: string, response: StoredResponse, expiresAt: number): Promise<void> {
    this.entries.set(key, { fingerprint, response, lockedUntil: 0, expiresAt });
    return Promise.resolve();
  }

  release(key: string, fingerprint: string): Promise<void> {
    const entry = this.entries.get(key);
    if (entry && !entry.response && entry.fingerprint === fingerprint) this.entries.delete(key);
    return Promise.resolve();
  }
}
