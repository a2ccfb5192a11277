import { setTimeout as sleep } from 'node:timers/promises';

/** `RELIABILITY_PROFILE`: `full` runs the loads the report quotes; `reduced` (default) fits `npm test`. */
export type ReliabilityProfile = 'full' | 'reduced';

export function reliabilityProfile(env: NodeJS.ProcessEnv = process.env): ReliabilityProfile {
  const value = env.RELIABILITY_PROFILE ?? 'reduced';
  if (value !== 'full' && value !== 'reduced') {
    throw new Error(`RELIABILITY_PROFILE must be full or reduced, got "${value}"`);
  }
  return value;
}

/** Picks the value of the running profile. */
export function byProfile<T>(values: Record<ReliabilityProfile, T>): T {
  return values[reliabilityProfile()];
}

/** What one attempt of a command got back. */
export interface AttemptOutcome {
  /** HTTP status, or 0 when no response arrived (connection error, client-side timeout). */
  readonly status: number;
  /** Seconds from Retry-After, when present. */
  readonly retryAfterSeconds?: number;
}

export interface Attempt extends AttemptOutcome {
  readonly command: number;
  readonly attempt: number;
  readonly startedAt: number;
  readonly latencyMs: number;
}

export interface LoadOptions<Command> {
  readonly commands: readonly Command[];
  /** Clients working at once; each sends one command at a time (a closed loop). */
  readonly concurrency: number;
  /** Sends one attempt; the same command (same Idempotency-Key) on every retry. */
  readonly send: (command: Command, attempt: number) => Promise<AttemptOutcome>;
  /** Statuses that end a command's retries as acknowledged. Default 200–299. */
  readonly acknowledged?: (status: number) => boolean;
  /** Statuses retried (after Retry-After, or {@link DEFAULT_RETRY_MS}). Default: 0, 409, 5xx. */
  readonly retriable?: (status: number) => boolean;
  /** Upper bound on one wait between retries, whatever Retry-After says. Default 5 s. */
  readonly maxRetryDelayMs?: number;
  /** A command still unacknowledged after this long is given up (and reported). Default 5 min. */
  readonly giveUpAfterMs?: number;
}

export interface LoadResult {
  readonly attempts: readonly Attempt[];
  /** Command index → the attempt that acknowledged it. */
  readonly acknowledged: ReadonlyMap<number, Attempt>;
  /** Commands answered with a status neither acknowledged nor retriable, or given up. */
  readonly failed: ReadonlyMap<number, Attempt | undefined>;
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface RunningLoad {
  readonly done: Promise<LoadResult>;
  acknowledgedCount(): number;
  /** Resolves once `count` commands were acknowledged (or the load ended). */
  whenAcknowledged(count: number): Promise<void>;
  /** Ends the load after the attempts in flight (e.g. when a fault could not be injected). */
  stop(): Promise<LoadResult>;
}

const DEFAULT_RETRY_MS = 500;

/**
 * Drives commands through `send` from `concurrency` closed-loop clients that behave as the API asks
 * clients to: a 503 is retried after its Retry-After with the same Idempotency-Key until it is
 * acknowledged. Every attempt is recorded with its latency, so a scenario can show how the system
 * answered while a fault was in place.
 */
export function startLoad<Command>(options: LoadOptions<Command>): RunningLoad {
  const attempts: Attempt[] = [];
  const acknowledged = new Map<number, Attempt>();
  const failed = new Map<number, Attempt | undefined>();
  const watchers: { count: number; resolve: () => void }[] = [];
  const notify = () => {
    for (const watcher of watchers.filter((w) => acknowledged.size >= w.count)) {
      watchers.splice(watchers.indexOf(watcher), 1);
      watcher.resolve();
    }
  };
  const startedAt = Date.now();
  const stopping = { value: false };
  let next = 0;
  const client = async () => {
    for (let index = next++; index < options.commands.length && !stopping.value; index = next++) {
      const last = await drive(options, index, attempts, stopping);
      if (last?.ok) acknowledged.set(index, last.attempt);
      else failed.set(index, last?.attempt);
      notify();
    }
  };
  const done = Promise.all(Array.from({ length: options.concurrency }, client)).then(() => {
    watchers.splice(0).forEach((watcher) => watcher.resolve());
    return { attempts, acknowledged, failed, startedAt, endedAt: Date.now() };
  });
  return {
    done,
    acknowledgedCount: () => acknowledged.size,
    stop: () => {
      stopping.value = true;
      return done;
    },
    whenAcknowledged: (count) =>
      acknowledged.size >= count
        ? Promise.resolve()
        : new Promise((resolve) => watchers.push({ count, resolve })),
  };
}

async function drive<Command>(
  options: LoadOptions<Command>,
  index: number,
  attempts: Attempt[],
  stopping: { readonly value: boolean },
): Promise<{ ok: boolean; attempt: Attempt } | undefined> {
  const isAcknowledged = options.acknowledged ?? ((status) => status >= 200 && status < 300);
  const isRetriable = options.retriable ?? ((status) => status === 0 || status === 409 || status >= 500);
  const giveUpAt = Date.now() + (options.giveUpAfterMs ?? 300_000);
  let last: Attempt | undefined;
  for (let attempt = 1; Date.now() < giveUpAt && !stopping.value; attempt += 1) {
    const startedAt = Date.now();
    const outcome = await options
      .send(options.commands[index]!, attempt)
      .catch((): AttemptOutcome => ({ status: 0 }));
    last = { ...outcome, command: index, attempt, startedAt, latencyMs: Date.now() - startedAt };
    attempts.push(last);
    if (isAcknowledged(outcome.status)) return { ok: true, attempt: last };
    if (!isRetriable(outcome.status)) return { ok: false, attempt: last };
    const suggested =
      outcome.retryAfterSeconds === undefined ? DEFAULT_RETRY_MS : outcome.retryAfterSeconds * 1000;
    // Jitter keeps the clients that failed together from retrying together.
    await sleep(Math.min(suggested, options.maxRetryDelayMs ?? 5000) * (0.5 + Math.random() / 2));
  }
  return last && { ok: false, attempt: last };
}

/** Counts of attempts by status, e.g. `{ "200": 1990, "503": 41 }`. */
export function statusCounts(attempts: readonly Attempt[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of attempts) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** The attempts that started inside [from, to). */
export function attemptsBetween(attempts: readonly Attempt[], from: number, to: number): Attempt[] {
  return attempts.filter((a) => a.startedAt >= from && a.startedAt < to);
}

/** The slowest attempt's latency in ms (0 for none). */
export function maxLatencyMs(attempts: readonly Attempt[]): number {
  return attempts.reduce((max, a) => Math.max(max, a.latencyMs), 0);
}
