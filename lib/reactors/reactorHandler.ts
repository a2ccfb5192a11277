import type { MSKEvent } from 'aws-lambda';
import type { DeadLetterSink } from '../deadLetter/deadLetterSink';
import type { DomainEvent } from '../domain/decider';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import { ErrorKind, isAppError, type AppError } from '../errors/appError';
import { mskRecordsInOrder } from '../kafka/mskRecord';
import { correlationIdsOf, decodeBatch } from '../projections/decodeBatch';
import { mapWithConcurrency } from '../projections/mapWithConcurrency';
import type { Snapshot, SnapshotStore } from '../snapshots/snapshotStore';
import type { CommandDispatch, Reactor, ReactorBatchResult } from './reactor';

/** Per reactor and source aggregate: the version of the last source event fully handled. */
export interface ReactorCheckpoint {
  readonly reactor: string;
}

export interface ReactorHandlerOptions<Event extends DomainEvent, Command> {
  reactor: Reactor<Event, Command>;
  dispatch: CommandDispatch<Command>;
  /** Checkpoints (high-water marks); ids are `<reactor>|<source aggregate id>`. */
  checkpoints: SnapshotStore<ReactorCheckpoint>;
  deadLetters: DeadLetterSink;
  log?: (line: string) => void;
  concurrency?: number;
}

const DOMAIN_REJECTIONS: readonly string[] = [
  ErrorKind.InvalidTransition,
  ErrorKind.BusinessRule,
  ErrorKind.NotFound,
];

/**
 * A rejection that is an answer, not a failure: the target refused the command for a domain
 * reason, and retrying the batch would get the same answer forever. Reactors count and skip these.
 */
export function isDomainRejection(error: unknown): error is AppError {
  return isAppError(error) && DOMAIN_REJECTIONS.includes(error.kind);
}

/**
 * The Lambda handler of a reactor fed by an MSK event source mapping.
 *
 * Effects must happen once although batches are redelivered, overlap, and may be replayed from
 * offset 0 by a new consumer group. Two layers make that hold forever, not just for recent ids:
 * a high-water mark per source aggregate (checkpoint, one conditional write per source aggregate
 * per batch) skips every event handled before; between a command and its checkpoint write a crash
 * redelivers the event, and the command id derived from the event makes the target handler replay
 * the original outcome instead of applying it again (the target's decider should also be naturally
 * idempotent per source — e.g. "reserve for order X" — for retries beyond its remembered ids).
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
    const sources = [...decoded.byAggregate.entries()];
    const ids = sources.map(([id]) => checkpointId(reactor.name, id));
    const marks =
      ids.length > 0
        ? await options.checkpoints.getMany(ids, { consistent: true })
        : new Map<string, Snapshot<ReactorCheckpoint>>();
    const counts = {
      records: records.length,
      handled: 0,
      skipped: 0,
      commands: 0,
      rejected: 0,
      poison: decoded.poison.length,
    };
    const outcomes = await mapWithConcurrency(sources, options.concurrency ?? 8, ([sourceId, envelopes]) =>
      reactToSource(
        options,
        sourceId,
        envelopes,
        marks.get(checkpointId(reactor.name, sourceId))?.version ?? 0,
        counts,
      ),
    );
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    const line = {
      reactor: reactor.name,
      durationMs: Date.now() - started,
      ...counts,
      correlationIds: correlationIdsOf(decoded.byAggregate),
    };
    if (failed.length > 0) {
      log(
        JSON.stringify({
          level: 'error',
          message: 'reactor batch failed',
          ...line,
          errors: failed.map((f) => String(f.reason)),
        }),
      );
      throw new Error(
        `${reactor.name}: ${failed.length} source aggregate(s) failed; the batch will be retried`,
        {
          cause: failed[0]?.reason,
        },
      );
    }
    log(JSON.stringify({ level: 'info', message: 'reactor batch done', ...line }));
    return counts;
  };
}

async function reactToSource<Event extends DomainEvent, Command>(
  options: ReactorHandlerOptions<Event, Command>,
  sourceId: string,
  envelopes: readonly EventEnvelope<Event>[],
  from: number,
  counts: { handled: number; skipped: number; commands: number; rejected: number },
): Promise<void> {
  let mark = from;
  for (const envelope of envelopes) {
    if (envelope.aggregateVersion <= mark) {
      counts.skipped += 1;
      continue;
    }
    if (envelope.aggregateVersion !== mark + 1) {
      throw new Error(`${sourceId}: version ${envelope.aggregateVersion} follows ${mark} (gap)`);
    }
    await runReactions(options, envelope, counts);
    mark = envelope.aggregateVersion;
    counts.handled += 1;
  }
  if (mark === from) return;
  const id = checkpointId(options.reactor.name, sourceId);
  const written = await options.checkpoints.put(
    { id, version: mark, doc: { reactor: options.reactor.name } },
    from,
  );
  if (!written) throw new Error(`${id}: checkpoint moved concurrently`);
}

async function runReactions<Event extends DomainEvent, Command>(
  options: ReactorHandlerOptions<Event, Command>,
  envelope: EventEnvelope<Event>,
  counts: { commands: number; rejected: number },
): Promise<void> {
  const reactions = options.reactor.react(envelope);
  // In order: a reaction may depend on the one before it (e.g. several lines of the same order).
  for (const [index, reaction] of reactions.entries()) {
    try {
      await options.dispatch({
        aggregateId: reaction.aggregateId,
        command: reaction.command,
        metadata: {
          now: envelope.time,
          commandId: `${options.reactor.name}/${envelope.id}/${index}`,
          correlationId: envelope.correlationId,
          causationId: envelope.id,
        },
      });
      counts.commands += 1;
    } catch (error) {
      if (!isDomainRejection(error)) throw error;
      counts.rejected += 1;
    }
  }
}

export function checkpointId(reactor: string, sourceAggregateId: string): string {
  return `${reactor}|${sourceAggregateId}`;
}
