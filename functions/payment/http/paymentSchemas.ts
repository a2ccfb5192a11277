import * as z from 'zod';
import { readQuery } from '../../../lib/http/readQueries';
import { IDENTIFIER_PATTERN } from '../../order/domain/orderEvents';

// The HTTP contract of the account routes, shared by the handlers and the OpenAPI document.

export const customerId = z.string().regex(IDENTIFIER_PATTERN, 'letters, digits and . _ : @ - (at most 128)');
export const depositBody = z.strictObject({ amount: z.number().int().positive().max(1_000_000_000_000) });
/** `minVersion` (read your writes), or a past state: `version` or `at`. */
export const getAccountQuery = readQuery;
export const accountBody = z.object({
  customerId,
  balance: z.number().int(),
  version: z.number().int(),
  /** The time of the last event the answer holds. */
  asOf: z.string().optional(),
});
