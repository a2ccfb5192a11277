import type { DomainEvent } from '../domain/decider';
import { fold } from '../domain/decider';
import { AppError, ErrorKind } from '../errors/appError';
import type { LogRecord } from '../eventLog/eventLog';
import type { AggregateHead } from '../heads/headStore';
import { buildEnvelopes } from './buildEnvelopes';
import { commandKey } from './commandKey';
import type { CommandHandlerOptions, CommandRequest, CommandResult } from './commandTypes';
import { CommandStep } from './commandTypes';
import { publishOrUnavailable } from './publish';

const DEFAULT_ATTEMPTS = 30;
const DEFAULT_REMEMBERED = 100;

/**
 * Creates the one command runner: read head → dedupe → decide → conditional head write (carrying
 * any records still pending) → one Kafka transaction → clear pending. docs/PROTOCOL.md explains every step and what a
 * crash between any two of them leaves behind.
 *
 * @example
 * const handle = createCommandHandler({ decider, catalog, source, topic, heads, eventLog });
 * const result = await handle({ aggregateId: 'o-1', command, metadata, expectedVersion: 3 });
 */
export function createCommandHandler<Command, Event extends DomainEvent, State>(
  options: CommandHandlerOptions<Command, Event, State>,
): (request: CommandRequest<Command>) => Promise<CommandResult<State, Event>> {
  const attempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  return async (request) => {
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const result = await attemptOnce(options, request);
      if (result) return result;
      if (request.expectedVersion !== undefined) throw concurrencyError(request);
      // Full jitter keeps racing writers of one hot aggregate from colliding again in lockstep.
      await sleep(random() * Math.min(200, 5 * 2 ** attempt));
    }
    throw new AppError(ErrorKind.Unavailable, `${request.aggregateId} is too contended; retry later`, {
      retryAfterSeconds: 1,
    });
  };
}

type Options<C, E extends DomainEvent, S> = CommandHandlerOptions<C, E, S>;

/** One pass of the protocol; undefined when another command changed the head first. */
async function attemptOnce<Command, Event extends DomainEvent, State>(
  options: Options<Command, Event, State>,
  request: CommandRequest<Command>,
): Promise<CommandResult<State, Event> | undefined> {
  const step = async (name: CommandStep) => options.hooks?.afterStep?.(name, request.aggregateId);
  const head = await options.heads.read(request.aggregateId);
  await step(CommandStep.Read);
  const key = commandKey(request.metadata.commandId);
  const replay = head?.commands.find((c) => c.id === key);
  if (head && replay) {
    // A retry of an applied command: its events may still be pending; publish them before answering,
    // so a 2xx always means the events are in Kafka.
    if (head.pending.length > 0) {
      await publishOrUnavailable(options.eventLog, head.pending);
      await options.heads.clearPending(head.id, head.version);
    }
    return { aggregateId: head.id, version: replay.version, state: head.state, events: [], replayed: true };
  }
  await step(CommandStep.Deduplicated);
  return decideAndAppend(options, request, head, step);
}

async function decideAndAppend<Command, Event extends DomainEvent, State>(
  options: Options<Command, Event, State>,
  request: CommandRequest<Command>,
  head: AggregateHead<State> | undefined,
  step: (name: CommandStep) => Promise<void>,
): Promise<CommandResult<State, Event> | undefined> {
  const version = head?.version ?? 0;
  const state = head?.state ?? options.decider.initialState;
  if (request.expectedVersion !== undefined && request.expectedVersion !== version) {
    throw concurrencyError(request, version);
  }
  const events = options.decider.decide(request.command, state, request.metadata);
  await step(CommandStep.Decided);
  if (events.length === 0)
    return { aggregateId: request.aggregateId, version, state, events: [], replayed: false };

  const { envelopes, records } = buildEnvelopes(options, request, version, events);
  const next = nextHead(options, request, head, events, records);
  await step(CommandStep.Checked);
  // The head is written BEFORE anything reaches Kafka: only decided events are ever produced, so
  // consumers stay correct even if they read uncommitted records (docs/PROTOCOL.md).
  if (!(await options.heads.write(next, version))) return undefined;
  await step(CommandStep.HeadWritten);
  await publishOrUnavailable(options.eventLog, next.pending);
  await step(CommandStep.Committed);
  await options.heads.clearPending(next.id, next.version);
  await step(CommandStep.Cleared);
  return {
    aggregateId: next.id,
    version: next.version,
    state: next.state,
    events: envelopes,
    replayed: false,
  };
}

function nextHead<Command, Event extends DomainEvent, State>(
  options: Options<Command, Event, State>,
  request: CommandRequest<Command>,
  head: AggregateHead<State> | undefined,
  events: readonly Event[],
  records: readonly LogRecord[],
): AggregateHead<State> {
  const version = (head?.version ?? 0) + events.length;
  const remembered = [
    ...(head?.commands ?? []),
    { id: commandKey(request.metadata.commandId), version, events: events.length },
  ];
  return {
    id: request.aggregateId,
    version,
    state: fold(options.decider, events, head?.state ?? options.decider.initialState),
    // Records still pending from earlier commands travel again in this transaction, ahead of ours:
    // the first appearance of every version in the partition stays in version order.
    pending: [...(head?.pending ?? []), ...records],
    pendingSince: head?.pendingSince ?? request.metadata.now,
    commands: remembered.slice(-(options.rememberedCommands ?? DEFAULT_REMEMBERED)),
  };
}

function concurrencyError(request: CommandRequest<unknown>, actual?: number): AppError {
  const detail = actual === undefined ? 'it changed concurrently' : `it is at version ${actual}`;
  return new AppError(
    ErrorKind.Concurrency,
    `${request.aggregateId} is not at version ${request.expectedVersion}: ${detail}`,
    {
      details: {
        expectedVersion: request.expectedVersion,
        ...(actual === undefined ? {} : { actualVersion: actual }),
      },
    },
  );
}
