import type { DomainEvent } from '../domain/decider';
import { AppError, ErrorKind } from '../errors/appError';
import type { AggregateHead } from '../heads/headStore';
import { commandKey } from './commandKey';
import type {
  CommandBatchRequest,
  CommandBatchResult,
  CommandHandlerOptions,
  CommandRequest,
  CommandResult,
} from './commandTypes';
import { CommandStep } from './commandTypes';
import { decideMembers, type DecidedMembers, type RejectionMode } from './decideMembers';
import { loadState, mergeEntities, splitEntities } from './entityState';
import { flushAndClear, flushOutbox, hasOutbox, outstanding } from './outbox';

const DEFAULT_ATTEMPTS = 30;
// Ids of retried commands are recognised within the last 32 commands of an aggregate; past that,
// deciders are idempotent per source (entities). A head of 100 keys weighed 2.7 KB, billed on both
// writes of every command: on a hot sku, half its write units (docs/PROTOCOL.md, "A bounded head").
const DEFAULT_REMEMBERED = 32;
const DEFAULT_MAX_PENDING_RECORDS = 64;

type Options<C, E extends DomainEvent, S> = CommandHandlerOptions<C, E, S>;

interface AttemptOptions<State> {
  readonly mode: RejectionMode;
  readonly expectedVersion: number | undefined;
  readonly guard: ((state: State) => void) | undefined;
}

/**
 * Creates the one command runner: read head → dedupe → load entities → decide → conditional head
 * write (carrying any outbox still pending) → one Kafka transaction and the entity writes → clear
 * the outbox. docs/PROTOCOL.md explains every step and what a crash between any two of them leaves
 * behind. A rejected command throws its typed error (409, 422, 404).
 *
 * @example
 * const handle = createCommandHandler({ decider, catalog, source, topic, heads, eventLog });
 * const result = await handle({ aggregateId: 'o-1', command, metadata, expectedVersion: 3 });
 */
export function createCommandHandler<Command, Event extends DomainEvent, State>(
  options: Options<Command, Event, State>,
): (request: CommandRequest<Command, State>) => Promise<CommandResult<State, Event>> {
  const run = runner(options);
  return async ({ aggregateId, command, metadata, expectedVersion, guard }) => {
    const batch = { aggregateId, members: [{ command, metadata }] };
    const result = await run(batch, 'throw', expectedVersion, guard);
    const member = result.members[0]!;
    const replayed = member.outcome === 'replayed';
    return {
      aggregateId,
      version: member.outcome === 'rejected' ? result.version : member.version,
      state: result.state,
      events: member.outcome === 'applied' ? member.events : [],
      replayed,
    };
  };
}

/**
 * Creates the batch runner: several commands on one aggregate decided in order as one head write
 * and one Kafka transaction, each member keeping its own command id, versions and outcome. A member
 * the decider rejects is recorded as `rejected` and the others go on. Reactors send their work
 * this way, so a hot aggregate (a popular sku) takes one conditional write per batch of source
 * events rather than one per event (docs/PROTOCOL.md, "Hot aggregates").
 *
 * @example
 * const handleBatch = createBatchCommandHandler({ decider, catalog, source, topic, heads, eventLog, entities });
 * const { members } = await handleBatch({ aggregateId: 'sku-1', members: [{ command, metadata }, …] });
 */
export function createBatchCommandHandler<Command, Event extends DomainEvent, State>(
  options: Options<Command, Event, State>,
): (request: CommandBatchRequest<Command>) => Promise<CommandBatchResult<State, Event>> {
  const run = runner(options);
  return (request) => run(request, 'record', undefined, undefined);
}

function runner<Command, Event extends DomainEvent, State>(options: Options<Command, Event, State>) {
  if (options.decider.entities && !options.entities) {
    throw new Error(`the decider keeps ${options.decider.entities.field} as entities: pass an entity store`);
  }
  const attempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  return async (
    request: CommandBatchRequest<Command>,
    mode: RejectionMode,
    expectedVersion: number | undefined,
    guard: ((state: State) => void) | undefined,
  ): Promise<CommandBatchResult<State, Event>> => {
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const result = await attemptOnce(options, request, { mode, expectedVersion, guard });
      if (result) return result;
      if (expectedVersion !== undefined) throw concurrencyError(request.aggregateId, expectedVersion);
      // Full jitter keeps racing writers of one hot aggregate from colliding again in lockstep.
      await sleep(random() * Math.min(200, 5 * 2 ** attempt));
    }
    throw new AppError(ErrorKind.Unavailable, `${request.aggregateId} is too contended; retry later`, {
      retryAfterSeconds: 1,
    });
  };
}

/** One pass of the protocol; undefined when another command changed the head first. */
async function attemptOnce<Command, Event extends DomainEvent, State>(
  options: Options<Command, Event, State>,
  request: CommandBatchRequest<Command>,
  { mode, expectedVersion, guard }: AttemptOptions<State>,
): Promise<CommandBatchResult<State, Event> | undefined> {
  const step = async (name: CommandStep) => options.hooks?.afterStep?.(name, request.aggregateId);
  const head = await readBounded(options, request.aggregateId, guard);
  await step(CommandStep.Read);
  const known = new Map((head?.commands ?? []).map((c) => [c.id, c.version]));
  const fresh = request.members.filter((member) => !known.has(commandKey(member.metadata.commandId)));
  if (fresh.length === 0) return answerWithoutWriting(options, request, head, head?.state, []);
  await step(CommandStep.Deduplicated);
  const version = head?.version ?? 0;
  if (expectedVersion !== undefined && expectedVersion !== version) {
    throw concurrencyError(request.aggregateId, expectedVersion, version);
  }
  const loaded = await loadState(
    options,
    request.aggregateId,
    head,
    fresh.map((member) => member.command),
  );
  const decided = decideMembers(options, request, { state: loaded.state, version, known }, mode);
  await step(CommandStep.Decided);
  if (decided.records.length === 0) {
    return answerWithoutWriting(options, request, head, decided.state, decided.outcomes);
  }
  const next = nextHead(options, request.aggregateId, head, decided, loaded.loaded);
  await step(CommandStep.Checked);
  // The head is written BEFORE anything reaches Kafka: only decided events are ever produced, so
  // consumers stay correct even if they read uncommitted records (docs/PROTOCOL.md).
  if (!(await options.heads.write(next, version))) return undefined;
  await step(CommandStep.HeadWritten);
  await flushOutbox(options, next);
  await step(CommandStep.Committed);
  await options.heads.markPublished(next.id, next.version);
  await step(CommandStep.Cleared);
  return { aggregateId: next.id, version: next.version, state: decided.state, members: decided.outcomes };
}

/**
 * Answers a call that decided nothing new. A retry of an applied command may find its outbox
 * still pending: it is carried out before answering, so that a 2xx always means the events are in
 * Kafka. With no outcomes given, every member was recognised as a replay.
 */
async function answerWithoutWriting<Command, Event extends DomainEvent, State>(
  options: Options<Command, Event, State>,
  request: CommandBatchRequest<Command>,
  head: AggregateHead<State> | undefined,
  state: State | undefined,
  outcomes: CommandBatchResult<State, Event>['members'],
): Promise<CommandBatchResult<State, Event>> {
  const members =
    outcomes.length > 0
      ? outcomes
      : request.members.map((member) => {
          const key = commandKey(member.metadata.commandId);
          const version = head?.commands.find((c) => c.id === key)?.version ?? 0;
          return { outcome: 'replayed' as const, version };
        });
  if (members.some((member) => member.outcome === 'replayed') && hasOutbox(head)) {
    await flushAndClear(options, head);
  }
  const version = head?.version ?? 0;
  return { aggregateId: request.aggregateId, version, state: state ?? options.decider.initialState, members };
}

function nextHead<Command, Event extends DomainEvent, State>(
  options: Options<Command, Event, State>,
  id: string,
  head: AggregateHead<State> | undefined,
  decided: DecidedMembers<State, Event>,
  loaded: Readonly<Record<string, unknown>>,
): AggregateHead<State> {
  const { state, changed } = splitEntities(options.decider.entities, loaded, decided.state, decided.version);
  const remembered = options.rememberedCommands ?? DEFAULT_REMEMBERED;
  return {
    id,
    version: decided.version,
    state,
    // An outbox still pending from earlier commands travels again in this transaction, ahead of
    // ours: the first appearance of every version in the partition stays in version order.
    pending: [...(head?.pending ?? []), ...decided.records],
    pendingEntities: mergeEntities(head?.pendingEntities ?? [], changed),
    pendingSince: pendingSinceAfter(head, options.now?.() ?? new Date()),
    commands: [...(head?.commands ?? []), ...decided.remembered].slice(-remembered),
    ...(head?.publishedThrough ? { publishedThrough: head.publishedThrough } : {}),
  };
}

/**
 * When the oldest outbox item of the next head was decided: the head's if it carries some along
 * (`head` is already `outstanding`: what is known to be carried out is gone), else now.
 */
function pendingSinceAfter(head: AggregateHead<unknown> | undefined, now: Date): string {
  return (hasOutbox(head) ? head.pendingSince : undefined) ?? now.toISOString();
}

/**
 * Reads the head and checks the request's guard on it; one whose outbox has reached the limit is carried out first (and read again), so
 * that no head grows without bound: if Kafka is down this fails with 503 before anything new is
 * decided, instead of adding the command's records to an outbox nobody can publish.
 */
async function readBounded<Command, Event extends DomainEvent, State>(
  options: Options<Command, Event, State>,
  aggregateId: string,
  guard: ((state: State) => void) | undefined,
): Promise<AggregateHead<State> | undefined> {
  const head = outstanding(await options.heads.read(aggregateId));
  // The guard sees the state first: a caller it refuses learns nothing and flushes nothing.
  guard?.(head?.state ?? options.decider.initialState);
  if (!head || head.pending.length < (options.maxPendingRecords ?? DEFAULT_MAX_PENDING_RECORDS)) return head;
  await flushAndClear(options, head);
  return outstanding(await options.heads.read(aggregateId));
}

function concurrencyError(aggregateId: string, expectedVersion: number, actual?: number): AppError {
  const detail = actual === undefined ? 'it changed concurrently' : `it is at version ${actual}`;
  return new AppError(
    ErrorKind.Concurrency,
    `${aggregateId} is not at version ${expectedVersion}: ${detail}`,
    {
      details: { expectedVersion, ...(actual === undefined ? {} : { actualVersion: actual }) },
    },
  );
}
