import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalSystem, Reply } from '../../integration/support/localSystem';

/** What a well-behaved client met on its way to each acknowledged command. */
export interface ClientTally {
  readonly statuses: Record<number, number>;
  /** Responses a retry cannot fix, or that the API promises never to give: each is a finding. */
  readonly unexpected: string[];
}

const MAX_ATTEMPTS = 30;

/**
 * Sends a command the way the README tells clients to: with an Idempotency-Key, retrying the same
 * request on 503 (dependency unavailable) and on 409 "in progress" (an earlier attempt holds the
 * key) with capped exponential backoff. Retry-After is read but capped at 1 s to keep runs short.
 *
 * @example
 * const reply = await sendCommand(system, tally, '/accounts/c-1/deposits', { amount: 5 }, 'key-1');
 */
export async function sendCommand(
  system: LocalSystem,
  tally: ClientTally,
  path: string,
  body: unknown,
  key: string,
): Promise<Reply | undefined> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const reply = await system.post(path, body, { 'idempotency-key': key });
    tally.statuses[reply.status] = (tally.statuses[reply.status] ?? 0) + 1;
    if (reply.status < 300) return reply;
    const inProgress = reply.status === 409 && String(reply.body.type).endsWith('idempotency_conflict');
    if (reply.status !== 503 && !inProgress) {
      tally.unexpected.push(`${path} → ${reply.status} ${reply.text.slice(0, 200)}`);
      return undefined;
    }
    const retryAfter = Number(reply.headers.get('retry-after') ?? 0) * 1000;
    await sleep(Math.min(Math.max(retryAfter, 50 * 2 ** attempt), 1000));
  }
  tally.unexpected.push(`${path}: no success after ${MAX_ATTEMPTS} attempts`);
  return undefined;
}
