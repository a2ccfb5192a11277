import * as z from 'zod';
import { defineEventCatalog } from '../../lib/envelope/eventCatalog';
import { eventId, type EventEnvelope } from '../../lib/envelope/eventEnvelope';
import type { Projection } from '../../lib/projections/projection';

// A tiny test-only domain for the projection runner: accounts that are opened and move money.
export type AccountEvent =
  | { type: 'AccountOpened'; data: { owner: string } }
  | { type: 'MoneyDeposited'; data: { amount: number } }
  | { type: 'MoneyWithdrawn'; data: { amount: number } };

export interface AccountDoc {
  owner: string;
  balance: number;
  movements: number;
  openedAt: string;
  lastEventId: string;
  note?: string;
}

export const accountCatalog = defineEventCatalog<AccountEvent>('account', {
  AccountOpened: { schemaVersion: 1, data: z.strictObject({ owner: z.string().min(1) }) },
  MoneyDeposited: { schemaVersion: 1, data: z.strictObject({ amount: z.number().int().positive() }) },
  MoneyWithdrawn: { schemaVersion: 1, data: z.strictObject({ amount: z.number().int().positive() }) },
});

export const accountProjection: Projection<AccountDoc, AccountEvent> = {
  name: 'accounts',
  catalog: accountCatalog,
  evolve(doc, envelope) {
    const { event } = envelope;
    if (event.type === 'AccountOpened') {
      return {
        owner: event.data.owner,
        balance: 0,
        movements: 0,
        openedAt: envelope.time,
        lastEventId: envelope.id,
      };
    }
    if (!doc) throw new Error(`${envelope.aggregateId}: ${event.type} before AccountOpened`);
    const signed = event.type === 'MoneyDeposited' ? event.data.amount : -event.data.amount;
    // `note: undefined` checks that undefined values behave as DynamoDB stores them (dropped).
    return {
      ...doc,
      balance: doc.balance + signed,
      movements: doc.movements + 1,
      lastEventId: envelope.id,
      note: undefined,
    };
  },
};

/** The envelope of an account's n-th event, with metadata derived from the id and version. */
export function accountEnvelope(
  id: string,
  version: number,
  event: AccountEvent,
): EventEnvelope<AccountEvent> {
  return {
    id: eventId('account', id, version),
    source: 'urn:service:test',
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString(),
    aggregateId: id,
    aggregateType: 'account',
    aggregateVersion: version,
    schemaVersion: 1,
    correlationId: `corr-${id}-${version}`,
    commandId: `cmd-${id}-${version}`,
    event,
  };
}

/** An account's history: opened, then the given deposits (positive) and withdrawals (negative). */
export function accountHistory(id: string, amounts: readonly number[]): EventEnvelope<AccountEvent>[] {
  const events: AccountEvent[] = [
    { type: 'AccountOpened', data: { owner: `owner-of-${id}` } },
    ...amounts.map((amount): AccountEvent =>
      amount >= 0
        ? { type: 'MoneyDeposited', data: { amount: Math.max(1, amount) } }
        : { type: 'MoneyWithdrawn', data: { amount: -amount } },
    ),
  ];
  return events.map((event, index) => accountEnvelope(id, index + 1, event));
}
