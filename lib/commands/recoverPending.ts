import type { EntityStore } from '../entities/entityStore';
import type { EventLog } from '../eventLog/eventLog';
import type { HeadStore } from '../heads/headStore';
import { flushAndClear, outstanding } from './outbox';

export interface RecoveryOptions {
  heads: HeadStore<unknown>;
  eventLog: EventLog;
  /** The service's entity store, when its decider keeps entities. */
  entities?: EntityStore;
  /** Only heads whose pending events are at least this old: younger ones likely have a live command. */
  olderThanMs?: number;
  /** Heads per run, so one run fits in the function timeout. */
  limit?: number;
  now?: () => Date;
}

export interface RecoveryResult {
  found: number;
  published: number;
  failed: number;
}

/**
 * Carries out outboxes that a command recorded in its head but did not get to flush (it crashed,
 * timed out, or Kafka or the entity store was down): publishes the events and writes the entities,
 * so an aggregate that receives no further command still converges. Run on a schedule. Doing it
 * twice is safe: consumers skip versions they have applied, and entity writes never go back.
 *
 * @example
 * export const handler = () => recoverPending({ heads, eventLog, olderThanMs: 60_000 });
 */
export async function recoverPending(options: RecoveryOptions): Promise<RecoveryResult> {
  const now = options.now?.() ?? new Date();
  const before = new Date(now.getTime() - (options.olderThanMs ?? 60_000)).toISOString();
  const stale = await options.heads.listPending(before, options.limit ?? 100);
  const result: RecoveryResult = { found: stale.length, published: 0, failed: 0 };
  // One at a time: each publish is a transaction on the same producer, and order within one head
  // matters while order across heads does not.
  for (const listed of stale) {
    const head = outstanding(listed);
    try {
      if (head.pending.length === 0 && head.pendingEntities.length === 0) {
        // Carried out already (its watermark says so), only the index entry was left behind.
        await options.heads.markPublished(head.id, head.version);
        continue;
      }
      await flushAndClear(options, head);
      result.published += 1;
    } catch {
      result.failed += 1;
    }
  }
  return result;
}
