import * as z from 'zod';
import { IDENTIFIER_PATTERN } from '../../order/domain/orderEvents';

// The HTTP contract of the account routes, shared by the handlers and the OpenAPI document.

export const customerId = z.string().regex(IDENTIFIER_PATTERN, 'letters, digits and . _ : @ - (at most 128)');
export const depositBody = z.strictObject({ amount: z.number().int().positive().max(1_000_000_000_000) });
export const getAccountQuery = z.strictObject({
  minVersion: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export const accountBody = z.object({ customerId, balance: z.number().int(), version: z.number().int() });
