import type { MSKEvent } from 'aws-lambda';
import type { DeadLetterSink } from '../deadLetter/deadLetterSink';
import { isParkedRedrive } from '../deadLetter/parkedRecords';
import type { DomainEvent } from '../domain/decider';
import type { EventHistory } from '../history/eventHistory';
import { mskRecordsInOrder } from '../kafka/mskRecord';
import { correlationIdsOf, decodeBatch } from '../projections/decodeBatch';
import type { SnapshotStore } from '../snapshots/snapshotStore';
import { fillSourceGaps } from './fillSourceGaps';
import { heldSources } from './parkedSources';
import { planReactions } from './planReactions';
import type { CommandDispatch, Reactor, ReactorBatchResult } from './reactor';
import { readCheckpoints, writeCheckpoints, type ReactorCheckpoint } from './reactorCheckpoints';
import { planReactorParking } from './reactorParking';
import { runTargets } from './runTargets';

export { isDomainRejection } from '../errors/domainErrors';
export { checkpointId, type ReactorCheckpoint } from './reactorCheckpoints';

export interface ReactorHandlerOptions<Event extends DomainEvent, Command> {
  reactor: Reactor<Event, Command>;
  /** The target service's batch command handler (`createBatchCommandHandler`). */
  dispatch: CommandDispatch<Command>;
  /** Checkpoints (high-water marks, and parked marks); ids are `<reactor>|<source aggregate id>`. */
  checkpoints: SnapshotStore<ReactorCheckpoint>;
  /** Where poison and the records of parked source aggregates go. */
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
 *
 * A source aggregate whose `react` throws, or that has a record naming it that cannot be decoded,
 * is parked (lib/reactors/reactorParking.ts): retrying could never help, so its records wait on
 * the dead-letter topic, in order, while the rest of the batch goes on; `kes dlq redrive` runs them
 * through this handler once the code is fixed (`eventSource` `kes:parked-redrive`). A gap that
 * cannot be filled yet, or a target that fails, still fails the batch to be retried.
 *
 * @example
 * export const handler = createReactorHandler({
 *   reactor: inventoryOnOrder,
 *   dispatch: getInventoryService().handleBatch,
 *   checkpoints: getCheckpoints(),
 *   deadLetters: getDeadLetters(),
 * });
 */
export function createReactorHandler<Event extends DomainEvent, Command>(
  options: ReactorHandlerOptions<Event, Command>,
): (event: MSKEvent) => Promise<ReactorBatchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  return async (event) => {
    const started = Date.now();
    const { counts, failed, parked, correlationIds } = await reactBatch(options, event);
    const line = {
      reactor: options.reactor.name,
      durationMs: Date.now() - started,
      ...counts,
      correlationIds,
    };
    // A parked source is a failure an operator must see, though the batch itself succeeded.
    const parkedSources = parked.length > 0 ? { parkedSources: parked.slice(0, 20) } : {};
    if (failed.size > 0) {
      const errors = [...failed.values()].slice(0, 20).map(String);
      log(
        JSON.stringify({
          level: 'error',
          message: 'reactor batch failed',
          ...line,
          ...parkedSources,
          errors,
        }),
      );
      const first: unknown = failed.values().next().value;
      throw new Error(
        `${options.reactor.name}: ${failed.size} source aggregate(s) failed (${String(first)}); the batch will be retried`,
        { cause: first },
      );
    }
    const message = parked.length > 0 ? 'reactor batch done; sources parked' : 'reactor batch done';
    log(JSON.stringify({ level: parked.length > 0 ? 'error' : 'info', message, ...line, ...parkedSources }));
    return counts;
  };
}

/**
 * Decode; read the checkpoints (and marks); react to every source not held back by a mark; send
 * the letters (poison and parked records) and await them, so no offset moves past a record kept
 * nowhere; run the commands; then write the checkpoints, those that carry a mark included. A
 * source whose commands failed writes nothing: its letters are sent again on the retry, and a
 * redrive reads each source position once.
 */
async function reactBatch<Event extends DomainEvent, Command>(
  options: ReactorHandlerOptions<Event, Command>,
  event: MSKEvent,
) {
  const { reactor } = options;
  const concurrency = options.concurrency ?? 8;
  const redrive = isParkedRedrive(event);
  const records = mskRecordsInOrder(event);
  const decoded = decodeBatch(records, reactor.catalog, reactor.name);
  const ids = [...new Set([...decoded.byAggregate.keys(), ...decoded.broken.keys()])];
  const stored = await readCheckpoints(options.checkpoints, reactor.name, ids);
  const { held, stale } = heldSources(ids, { decoded, stored, redrive });
  const versions = new Map(ids.map((id) => [id, stored.get(id)?.version ?? 0]));
  const reacting = new Map([...decoded.byAggregate].filter(([id]) => !held.has(id)));
  // A source whose gap cannot be filled yet fails in planning, and the batch is retried.
  const { sources, repaired } = await fillSourceGaps(options.history, reacting, versions);
  const plan = planReactions(reactor, sources, versions);
  const now = () => new Date().toISOString();
  const parking = planReactorParking(ids, {
    consumer: reactor.name,
    decoded,
    stored,
    plan,
    held,
    redrive,
    now,
  });
  const letters = [...decoded.poison, ...parking.letters];
  if (letters.length > 0) await options.deadLetters.send(letters);
  const run = await runTargets(options.dispatch, plan, {
    concurrency,
    maxGroupSize: options.maxGroupSize ?? 32,
  });
  const failed = new Map([...plan.failed, ...stale, ...run.failed]);
  const marked = new Set(parking.writes.map((write) => write.sourceId));
  const moves = [...plan.marks]
    .filter(([id]) => !marked.has(id))
    .map(([sourceId, { from, to }]) => ({ sourceId, version: to, expectedVersion: from, parkedLetters: 0 }));
  const writes = [...moves, ...parking.writes].filter((write) => !failed.has(write.sourceId));
  const unwritten = await writeCheckpoints(options.checkpoints, reactor.name, writes, concurrency);
  for (const [id, reason] of unwritten) failed.set(id, reason);
  const counts: ReactorBatchResult = {
    records: records.length,
    handled: plan.handled,
    skipped: plan.skipped,
    commands: run.commands,
    groups: run.groups,
    rejected: run.rejected + plan.rejected,
    poison: decoded.poison.length,
    repaired,
    parked: parking.parked.length,
    parkedEvents: parking.letters.length,
    unparked: parking.unparked.filter((id) => !failed.has(id)).length,
    stillParked: parking.stillParked.length,
  };
  return { counts, failed, parked: parking.parked, correlationIds: correlationIdsOf(decoded.byAggregate) };
}
