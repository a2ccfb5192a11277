import type { AggregateFold } from './foldAggregate';
import type { ProjectionBatchResult } from './projection';

/** Why an aggregate of a batch was not brought up to date. */
export interface AggregateProblem {
  readonly aggregateId: string;
  /** gap: a version is missing; evolve: parked (evolve threw, or undecodable); conflict: the snapshot moved on; write: the put failed. */
  readonly kind: 'gap' | 'evolve' | 'conflict' | 'write';
  readonly detail: string;
  /** The error behind an `evolve` or `write` problem. */
  readonly error?: unknown;
}

/**
 * Thrown after a batch has written every aggregate it could, so Lambda retries the whole batch.
 * The retry skips what was written (by version) and tries the rest again. `result` holds the
 * counts of the failed attempt, for the log.
 *
 * @example
 * if (error instanceof ProjectionBatchError) console.error(error.problems.map((p) => p.aggregateId));
 */
export class ProjectionBatchError extends Error {
  constructor(
    readonly projection: string,
    readonly problems: readonly AggregateProblem[],
    readonly result: ProjectionBatchResult,
  ) {
    const listed = problems.slice(0, 10).map((p) => `${p.aggregateId} (${p.kind}: ${p.detail})`);
    const more = problems.length > listed.length ? ` and ${problems.length - listed.length} more` : '';
    super(`projection ${projection}: batch must be retried; ${listed.join('; ')}${more}`, {
      cause: problems.find((p) => p.error !== undefined)?.error,
    });
    this.name = 'ProjectionBatchError';
  }
}

/** Aggregates whose fold stopped at a version gap that could not be filled from the log. */
export function gapProblems(folds: readonly AggregateFold<unknown>[]): AggregateProblem[] {
  return folds.flatMap((fold): AggregateProblem[] => {
    const found = fold.blocked?.found;
    if (found === undefined) return [];
    const detail = `at version ${fold.from + fold.applied}, next in batch is ${found}`;
    return [{ aggregateId: fold.id, kind: 'gap', detail }];
  });
}

/** The problems of puts that did not happen: a failed condition or an error. */
export function writeProblems(
  folds: readonly Pick<AggregateFold<unknown>, 'id' | 'from'>[],
  outcomes: readonly PromiseSettledResult<boolean>[],
): AggregateProblem[] {
  return outcomes.flatMap((outcome, index): AggregateProblem[] => {
    const fold = folds[index]!;
    if (outcome.status === 'fulfilled') {
      return outcome.value
        ? []
        : [{ aggregateId: fold.id, kind: 'conflict', detail: `not at version ${fold.from}` }];
    }
    const reason: unknown = outcome.reason;
    const message = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    return [{ aggregateId: fold.id, kind: 'write', detail: message, error: reason }];
  });
}

/** Parked marks that could not be set or lifted: the mark moved (a redrive, or a park) meanwhile. */
export function markProblems(
  writes: readonly { readonly snapshot: { readonly id: string }; readonly expectedVersion: number }[],
  outcomes: readonly PromiseSettledResult<boolean>[],
): AggregateProblem[] {
  return writeProblems(
    writes.map((write) => ({ id: write.snapshot.id, from: write.expectedVersion })),
    outcomes,
  ).map((problem) =>
    problem.kind === 'conflict' ? { ...problem, detail: 'its parked mark moved' } : problem,
  );
}
