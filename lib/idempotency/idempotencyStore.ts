/** A response remembered for an Idempotency-Key, replayed verbatim on a repeat. */
export interface StoredResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type BeginOutcome =
  /** First sight of the key (or its lock expired): go ahead, then complete or release. */
  | { readonly status: 'started' }
  /** Same key, same request, already answered: send this again. */
  | { readonly status: 'completed'; readonly response: StoredResponse }
  /** Same key, same request, still running elsewhere. */
  | { readonly status: 'in_progress' }
  /** Same key, different request. */
  | { readonly status: 'mismatch' };

export interface BeginRequest {
  key: string;
  /** A hash of the request (method, path, body) that the key must always come with. */
  fingerprint: string;
  /** After this long an in-progress record may be taken over: its owner is presumed dead. */
  lockMs: number;
  /** How long a completed response is replayed. */
  retentionMs: number;
  now: number;
}

/** Port to the idempotency records (one item per key; single-item conditional writes only). */
export interface IdempotencyStore {
  begin(request: BeginRequest): Promise<BeginOutcome>;
  complete(key: string, fingerprint: string, response: StoredResponse, expiresAt: number): Promise<void>;
  /** Forgets an in-progress key so the request can be retried (its outcome was not decided). */
  release(key: string, fingerprint: string): Promise<void>;
}
