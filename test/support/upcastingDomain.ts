import * as z from 'zod';
import { defineEventCatalog } from '../../lib/envelope/eventCatalog';
import type { EventEnvelope } from '../../lib/envelope/eventEnvelope';
import type { Projection } from '../../lib/projections/projection';

// A log written by v1 code, read by v2 code. v1 of MoneyDeposited had `amount` in whole euros;
// v2 has `cents` and a `currency`; v3 (the code reading) renames nothing but adds `channel`.
export type V1Event = { type: 'MoneyDeposited'; data: { amount: number } };
export type V3Event = { type: 'MoneyDeposited'; data: { cents: number; currency: string; channel: string } };

export const v1Data = z.strictObject({ amount: z.number().int().positive() });
export const v2Data = z.strictObject({ cents: z.number().int().positive(), currency: z.string().length(3) });
export const v3Data = v2Data.extend({ channel: z.string() });

export const writtenByV1 = defineEventCatalog<V1Event>('account', {
  MoneyDeposited: { schemaVersion: 1, data: v1Data },
});
export const readByV3 = defineEventCatalog<V3Event>('account', {
  MoneyDeposited: {
    schemaVersion: 3,
    data: v3Data,
    older: [
      {
        schemaVersion: 1,
        data: v1Data,
        upcast: (d: { amount: number }) => ({ cents: d.amount * 100, currency: 'EUR' }),
      },
      {
        schemaVersion: 2,
        data: v2Data,
        upcast: (d: z.infer<typeof v2Data>) => ({ ...d, channel: 'unknown' }),
      },
    ],
  },
});

export const deposit = (id: string, version: number, amount: number): EventEnvelope<V1Event> => ({
  id: `account/${id}/${version}`,
  source: 'urn:service:test',
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString(),
  aggregateId: id,
  aggregateType: 'account',
  aggregateVersion: version,
  schemaVersion: 1,
  correlationId: `corr-${version}`,
  commandId: `cmd-${version}`,
  event: { type: 'MoneyDeposited' as const, data: { amount } },
});

export const balances: Projection<{ cents: number; channels: string[] }, V3Event> = {
  name: 'balances',
  catalog: readByV3,
  evolve: (doc, { event }) => ({
    cents: (doc?.cents ?? 0) + event.data.cents,
    channels: [...(doc?.channels ?? []), event.data.channel],
  }),
};
