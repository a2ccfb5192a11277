import { mapWithConcurrency } from '../projections/mapWithConcurrency';
import type { ReactionPlan } from './planReactions';
import type { CommandDispatch } from './reactor';

/** What running a plan's commands did. */
export interface TargetsRun {
  /** Batch commands sent: one per target aggregate (and per `maxGroupSize` of its commands). */
  groups: number;
  /** Commands applied or recognised as repeats. */
  commands: number;
  /** Commands the target refused for a domain reason: an answer, not a failure. */
  rejected: number;
  /** Source aggregates that asked something of a target that failed, with why. */
  readonly failed: Map<string, unknown>;
}

/**
 * Every target's commands, targets side by side; a target's groups one after another, in order.
 * A target that failed holds back every source that asked something of it: their checkpoints
 * stay, the batch is retried, and what did happen is recognised then by command id or entity.
 *
 * @example
 * const run = await runTargets(dispatch, plan, { concurrency: 8, maxGroupSize: 32 });
 */
export async function runTargets<Command>(
  dispatch: CommandDispatch<Command>,
  plan: ReactionPlan<Command>,
  limits: { readonly concurrency: number; readonly maxGroupSize: number },
): Promise<TargetsRun> {
  const run: TargetsRun = { groups: 0, commands: 0, rejected: 0, failed: new Map() };
  const targets = [...plan.byTarget.entries()];
  const outcomes = await mapWithConcurrency(targets, limits.concurrency, async ([targetId, planned]) => {
    for (const group of chunks(planned, limits.maxGroupSize)) {
      run.groups += 1;
      const result = await dispatch({ aggregateId: targetId, members: group.map((p) => p.member) });
      for (const member of result.members) {
        if (member.outcome === 'rejected') run.rejected += 1;
        else run.commands += 1;
      }
    }
  });
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') return;
    for (const { sourceId } of targets[index]![1]) run.failed.set(sourceId, outcome.reason);
  });
  return run;
}

function chunks<Item>(items: readonly Item[], size: number): Item[][] {
  const result: Item[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
