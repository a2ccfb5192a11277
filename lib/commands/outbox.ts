import type { EntityStore, StoredEntity } from '../entities/entityStore';
import { AppError, ErrorKind } from '../errors/appError';
import type { EventLog } from '../eventLog/eventLog';
import type { AggregateHead, HeadStore } from '../heads/headStore';
import { publishOrUnavailable } from './publish';

export interface OutboxPorts {
  readonly heads: HeadStore<unknown>;
  readonly eventLog: EventLog;
  readonly entities?: EntityStore | undefined;
}

/**
 * Carries out a head's outbox — publishes its pending records (one Kafka transaction) and writes its
 * pending entities, side by side — then empties it if the head has not moved on (a later command
 * carries the same outbox and empties it). Either failure leaves the outbox as it is: a retry, the
 * next command or the recovery function does it again, and both halves are idempotent.
 */
export async function flushOutbox(ports: OutboxPorts, head: AggregateHead<unknown>): Promise<void> {
  await Promise.all([
    head.pending.length > 0 ? publishOrUnavailable(ports.eventLog, head.pending) : undefined,
    head.pendingEntities.length > 0
      ? storeOrUnavailable(ports.entities, head.id, head.pendingEntities)
      : undefined,
  ]);
}

/** {@link flushOutbox}, then the conditional clear. */
export async function flushAndClear(ports: OutboxPorts, head: AggregateHead<unknown>): Promise<void> {
  await flushOutbox(ports, head);
  await ports.heads.clearPending(head.id, head.version);
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
