import * as z from 'zod';
import type { Decider } from '../../lib/domain/decider';
import { defineEventCatalog } from '../../lib/envelope/eventCatalog';
import { businessRule, invalidTransition } from '../../lib/errors/domainErrors';

// A tiny domain for testing lib/ without any real service: a tally that can be opened, incremented
// and closed. It has a creation rule, a business rule and an invalid transition, like real ones.
export type TallyEvent =
  | { type: 'TallyOpened'; data: { name: string } }
  | { type: 'TallyIncremented'; data: { by: number } }
  | { type: 'TallyClosed'; data: Record<string, never> };

export type TallyCommand =
  | { type: 'Open'; name: string }
  | { type: 'Increment'; by: number; times?: number }
  | { type: 'Close' }
  | { type: 'Noop' };

export interface TallyState {
  status: 'none' | 'open' | 'closed';
  total: number;
}

export const tallyCatalog = defineEventCatalog<TallyEvent>('tally', {
  TallyOpened: { schemaVersion: 1, data: z.strictObject({ name: z.string() }) },
  TallyIncremented: { schemaVersion: 1, data: z.strictObject({ by: z.number().int() }) },
  TallyClosed: { schemaVersion: 1, data: z.strictObject({}) },
});

export const tallyDecider: Decider<TallyCommand, TallyEvent, TallyState> = {
  initialState: { status: 'none', total: 0 },
  decide(command, state) {
    switch (command.type) {
      case 'Open':
        if (state.status !== 'none') throw invalidTransition('Open', state.status);
        return [{ type: 'TallyOpened', data: { name: command.name } }];
      case 'Increment':
        if (state.status !== 'open') throw invalidTransition('Increment', state.status);
        if (command.by <= 0) throw businessRule('by must be positive');
        return Array.from({ length: command.times ?? 1 }, () => ({
          type: 'TallyIncremented' as const,
          data: { by: command.by },
        }));
      case 'Close':
        if (state.status !== 'open') throw invalidTransition('Close', state.status);
        return [{ type: 'TallyClosed', data: {} }];
      case 'Noop':
        return [];
      default: {
        const unknown: never = command;
        throw new Error(`unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'TallyOpened':
        return { status: 'open', total: 0 };
      case 'TallyIncremented':
        return { ...state, total: state.total + event.data.by };
      case 'TallyClosed':
        return { ...state, status: 'closed' };
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};

let counter = 0;
/** Command metadata with a fresh command id (or the given one), fixed clock. */
export function meta(commandId = `cmd-${++counter}`, now = '2026-01-01T00:00:00.000Z') {
  return { now, commandId, correlationId: `corr-${commandId}` };
}
