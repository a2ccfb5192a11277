import type { EntityStore, StoredEntity } from '../entities/entityStore';
import { AppError, ErrorKind } from '../errors/appError';
import { CeHeader } from '../envelope/headers';
import type { EventLog, LogRecord } from '../eventLog/eventLog';
import type { AggregateHead, HeadStore } from '../heads/headStore';
import { publishOrUnavailable } from './publish';

export interface OutboxPorts {
  readonly heads: HeadStore<unknown>;
  readonly eventLog: EventLog;
  readonly entities?: EntityStore | undefined;
}

/**
 * The head as its outbox still matters: records and entities at or below `publishedThrough` were
 * carried out by the command that raised it (an outbox it could not empty because a later command
 * had moved the head on), so nobody publishes or reads them from here again. Every reader of a
 * head in lib/commands goes through this.
 */
export function outstanding<State>(head: AggregateHead<State>): AggregateHead<State>;
export function outstanding<State>(head: AggregateHead<State> | undefined): AggregateHead<State> | undefined;
export function outstanding<State>(head: AggregateHead<State> | undefined): AggregateHead<State> | undefined {
  const through = head?.publishedThrough ?? 0;
  if (!head || through === 0) return head;
  return {
    ...head,
    pending: head.pending.filter((record) => recordVersion(record) > through),
    pendingEntities: head.pendingEntities.filter((entity) => entity.version > through),
  };
}

// Records without a readable version are kept: publishing one twice is harmless, losing one is not.
const recordVersion = (record: LogRecord) =>
  Number(record.headers[CeHeader.aggregateVersion] ?? Number.POSITIVE_INFINITY) || Number.POSITIVE_INFINITY;

/**
 * Carries out a head's outbox — publishes its pending records (one Kafka transaction) and writes its
 * pending entities, side by side. Either failure leaves the outbox as it is: a retry, the next
 * command or the recovery function does it again, and both halves are idempotent.
 */
export async function flushOutbox(ports: OutboxPorts, head: AggregateHead<unknown>): Promise<void> {
  await Promise.all([
    head.pending.length > 0 ? publishOrUnavailable(ports.eventLog, head.pending) : undefined,
    head.pendingEntities.length > 0
      ? storeOrUnavailable(ports.entities, head.id, head.pendingEntities)
      : undefined,
  ]);
}

/**
 * {@link flushOutbox}, then step h: the outbox is emptied if the head has not moved on, and
 * otherwise its `publishedThrough` raised, so the later command's successors leave these behind.
 */
export async function flushAndClear(ports: OutboxPorts, head: AggregateHead<unknown>): Promise<void> {
  await flushOutbox(ports, head);
  await ports.heads.markPublished(head.id, head.version);
}

/** True when the head has records or entities not known to be carried out. */
export function hasOutbox(head: AggregateHead<unknown> | undefined): head is AggregateHead<unknown> {
  return !!head && (head.pending.length > 0 || head.pendingEntities.length > 0);
}

async function storeOrUnavailable(
  store: EntityStore | undefined,
  aggregateId: string,
  entities: readonly StoredEntity[],
): Promise<void> {
  if (!store) throw new Error(`${aggregateId} has pending entities but no entity store was given`);
  try {
    await store.putMany(aggregateId, entities);
  } catch (error) {
    throw new AppError(
      ErrorKind.Unavailable,
      'the entity store is unavailable: the command is recorded and will take effect; retry with the same Idempotency-Key to learn the outcome',
      { cause: error, retryAfterSeconds: 2 },
    );
  }
}
