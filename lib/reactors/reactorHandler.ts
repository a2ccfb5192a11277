import type { MSKEvent } from 'aws-lambda';
import type { DeadLetterSink } from '../deadLetter/deadLetterSink';
import type { DomainEvent } from '../domain/decider';
import { mskRecordsInOrder } from '../kafka/mskRecord';
import { correlationIdsOf, decodeBatch } from '../projections/decodeBatch';
import { mapWithConcurrency } from '../projections/mapWithConcurrency';
import type { SnapshotStore } from '../snapshots/snapshotStore';
import type { EventHistory } from '../history/eventHistory';
import { fillSourceGaps } from './fillSourceGaps';
import { planReactions, type ReactionPlan } from './planReactions';
import type { CommandDispatch, Reactor, ReactorBatchResult } from './reactor';

export { isDomainRejection } from '../errors/domainErrors';

/** Per reactor and source aggregate: the version of the last source event fully handled. */
export interface ReactorCheckpoint {
  readonly reactor: string;
}

export interface ReactorHandlerOptions<Event extends DomainEvent, Command> {
  reactor: Reactor<Event, Command>;
  /** The target service's batch command handler (`createBatchCommandHandler`). */
  dispatch: CommandDispatch<Command>;
  /** Checkpoints (high-water marks); ids are `<reactor>|<source aggregate id>`. */
  checkpoints: SnapshotStore<ReactorCheckpoint>;
  deadLetters: DeadLetterSink;
  log?: (line: string) => void;
  /** Target aggregates worked on at once (default 8). */
  concurrency?: number;
  /**
   * Commands per batch command (default 32): a target asked for more gets several, one after the
   * other. Bounds the head's outbox, and so its size and the cost of its writes.
   */
  maxGroupSize?: number;
  /** The source aggregate type's events read back from the log: version gaps are filled from it. */
  history?: EventHistory<Event>;
}

type Counts = { -readonly [K in keyof ReactorBatchResult]: ReactorBatchResult[K] };

/**
 * The Lambda handler of a reactor fed by an MSK event source mapping.
 *
 * Effects must happen once although batches are redelivered, overlap, and may be replayed from
 * offset 0 by a new consumer group. A high-water mark per source aggregate (checkpoint, one
 * conditional write per source aggregate per batch) skips every event handled before; between the
 * commands and the checkpoint write a crash redelivers the events, and the command ids derived
 * from them make the target replay the original outcome instead of applying it again — and past
 * the target's remembered ids its decider is idempotent per source ("reserve for order X"), with
 * per-order entities that never forget (docs/PROTOCOL.md, "Duplicates that can still arrive").
 *
 * The batch's commands are grouped by target aggregate and sent as batch commands: a popular sku
 * asked by a hundred orders of one batch takes one head write and one Kafka transaction per 32 of
 * them, instead of a hundred racing conditional writes (docs/PROTOCOL.md, "Hot aggregates").
 */
export function createReactorHandler<Event extends DomainEvent, Command>(
  options: ReactorHandlerOptions<Event, Command>,
): (event: MSKEvent) => Promise<ReactorBatchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  return async (event) => {
    const started = Date.now();
    const { reactor } = options;
    const records = mskRecordsInOrder(event);
    const decoded = decodeBatch(records, reactor.catalog, reactor.name);
    if (decoded.poison.length > 0) await options.deadLetters.send(decoded.poison);
    const marks = await readCheckpoints(options, [...decoded.byAggregate.keys()]);
    // A source whose gap cannot be filled yet fails in planning, and the batch is retried.
    const { sources, repaired } = await fillSourceGaps(options.history, decoded.byAggregate, marks);
    const plan = planReactions(reactor, sources, marks);
    const counts: Counts = {
      records: records.length,
      handled: plan.handled,
      skipped: plan.skipped,
      commands: 0,
      groups: 0,
      rejected: 0,
      poison: decoded.poison.length,
      repaired,
    };
    const failed = new Map(plan.failed);
    await runTargets(options, plan, counts, failed);
    await writeCheckpoints(options, plan, failed);
    const line = {
      reactor: reactor.name,
      durationMs: Date.now() - started,
      ...counts,
      correlationIds: correlationIdsOf(decoded.byAggregate),
    };
    if (failed.size > 0) {
      const errors = [...failed.values()].slice(0, 20).map(String);
      log(JSON.stringify({ level: 'error', message: 'reactor batch failed', ...line, errors }));
      throw new Error(
        `${reactor.name}: ${failed.size} source aggregate(s) failed; the batch will be retried`,
        {
          cause: failed.values().next().value,
        },
      );
    }
    log(JSON.stringify({ level: 'info', message: 'reactor batch done', ...line }));
    return counts;
  };
}

async function readCheckpoints<Event extends DomainEvent, Command>(
  options: ReactorHandlerOptions<Event, Command>,
  sourceIds: readonly string[],
): Promise<Map<string, number>> {
  if (sourceIds.length === 0) return new Map();
  const ids = sourceIds.map((id) => checkpointId(options.reactor.name, id));
  const stored = await options.checkpoints.getMany(ids, { consistent: true });
  return new Map(sourceIds.map((id, index) => [id, stored.get(ids[index]!)?.version ?? 0]));
}

/** Every target's commands, targets side by side; a target's groups one after another, in order. */
async function runTargets<Event extends DomainEvent, Command>(
  options: ReactorHandlerOptions<Event, Command>,
  plan: ReactionPlan<Command>,
  counts: Counts,
  failed: Map<string, unknown>,
): Promise<void> {
  const targets = [...plan.byTarget.entries()];
  const outcomes = await mapWithConcurrency(
    targets,
    options.concurrency ?? 8,
    async ([targetId, planned]) => {
      for (const group of chunks(planned, options.maxGroupSize ?? 32)) {
        counts.groups += 1;
        const result = await options.dispatch({ aggregateId: targetId, members: group.map((p) => p.member) });
        for (const member of result.members) {
          if (member.outcome === 'rejected') counts.rejected += 1;
          else counts.commands += 1;
        }
      }
    },
  );
  // A target that failed holds back every source that asked something of it: their checkpoints
  // stay, the batch is retried, and what did happen is recognised then by command id or entity.
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') return;
    for (const { sourceId } of targets[index]![1]) failed.set(sourceId, outcome.reason);
  });
}

async function writeCheckpoints<Event extends DomainEvent, Command>(
  options: ReactorHandlerOptions<Event, Command>,
  plan: ReactionPlan<Command>,
  failed: Map<string, unknown>,
): Promise<void> {
  const name = options.reactor.name;
  const done = [...plan.marks.entries()].filter(([sourceId]) => !failed.has(sourceId));
  const outcomes = await mapWithConcurrency(done, options.concurrency ?? 8, async ([sourceId, mark]) => {
    const id = checkpointId(name, sourceId);
    const written = await options.checkpoints.put(
      { id, version: mark.to, doc: { reactor: name } },
      mark.from,
    );
    if (!written) throw new Error(`${id}: checkpoint moved concurrently`);
  });
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'rejected') failed.set(done[index]![0], outcome.reason);
  });
}

function chunks<Item>(items: readonly Item[], size: number): Item[][] {
  const result: Item[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

export function checkpointId(reactor: string, sourceAggregateId: string): string {
  return `${reactor}|${sourceAggregateId}`;
}
