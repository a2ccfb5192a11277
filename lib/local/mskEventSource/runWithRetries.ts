/** The result of one invocation of the function. */
export type InvocationResult =
  { readonly ok: true } | { readonly ok: false; readonly error: unknown; readonly requestId?: string };

/**
 * A run of consecutive records of a batch and what became of them. `interrupted`: the emulator
 * stopped before they succeeded or failed for good; they must not be committed.
 */
export interface Segment<R> {
  readonly records: readonly R[];
  readonly outcome: 'succeeded' | 'failed' | 'interrupted';
  /** The last error (and the request that got it), for `failed` and `interrupted`. */
  readonly error?: unknown;
  readonly requestId?: string;
  /** How many times exactly these records were invoked (AWS's `approximateInvokeCount`). */
  readonly attempts: number;
}

export interface RetryDependencies<R> {
  readonly invoke: (records: readonly R[]) => Promise<InvocationResult>;
  /** Retries allowed after the first attempt; `Infinity` retries forever. */
  readonly maxRetries: number;
  readonly bisect: boolean;
  /** The pause before retry number `retry` (1-based). */
  readonly backoffMs: (retry: number) => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly stopping: () => boolean;
}

/** 100 ms, doubling, at most 1 s: AWS does not document its backoff; local runs want it short. */
export const defaultBackoffMs = (retry: number): number => Math.min(100 * 2 ** (retry - 1), 1000);

/**
 * Invokes the function with a batch until it succeeds or the retries run out, the way the event
 * source mapping does: the whole batch again, same records, same order.
 *
 * With bisection, a failed batch of more than one record is split in two halves instead of being
 * retried whole. AWS does not document how splits count against MaximumRetryAttempts; here a split
 * uses one retry of the failed batch and each half gets the retries that remain, so a single poison
 * record is isolated in about log2(batch size) splits and then retried on its own. The first half
 * is finished (succeeded, or failed for good) before the second starts: partition order holds.
 *
 * @example
 * const segments = await runWithRetries(records, { invoke, maxRetries: 3, bisect: true, ... });
 */
export async function runWithRetries<R>(
  records: readonly R[],
  deps: RetryDependencies<R>,
  retriesLeft = deps.maxRetries,
): Promise<Segment<R>[]> {
  let retries = retriesLeft;
  for (let attempts = 1; ; attempts += 1) {
    const result = await deps.invoke(records);
    if (result.ok) return [{ records, outcome: 'succeeded', attempts }];
    const { error, requestId } = result;
    if (deps.stopping()) return [{ records, outcome: 'interrupted', error, requestId, attempts }];
    if (retries <= 0) return [{ records, outcome: 'failed', error, requestId, attempts }];
    retries -= 1;
    await deps.sleep(deps.backoffMs(attempts));
    if (deps.stopping()) return [{ records, outcome: 'interrupted', error, requestId, attempts }];
    if (deps.bisect && records.length > 1) return runHalves(records, deps, retries);
  }
}

async function runHalves<R>(records: readonly R[], deps: RetryDependencies<R>, retries: number) {
  const middle = Math.ceil(records.length / 2);
  const first = await runWithRetries(records.slice(0, middle), deps, retries);
  const rest = records.slice(middle);
  if (first.some((segment) => segment.outcome === 'interrupted')) {
    return [...first, { records: rest, outcome: 'interrupted', attempts: 0 } as const];
  }
  return [...first, ...(await runWithRetries(rest, deps, retries))];
}
