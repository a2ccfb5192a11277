import * as z from 'zod';
import { readQuery } from '../../../lib/http/readQueries';
import { IDENTIFIER_PATTERN } from '../../order/domain/orderEvents';

// The HTTP contract of the inventory routes, shared by the handlers and the OpenAPI document.

export const sku = z.string().regex(IDENTIFIER_PATTERN, 'letters, digits and . _ : @ - (at most 128)');
export const restockBody = z.strictObject({ quantity: z.number().int().positive().max(1_000_000_000) });
/** `minVersion` (read your writes), or a past state: `version` or `at`. */
export const getInventoryQuery = readQuery;
export const inventoryBody = z.object({
  sku,
  available: z.number().int(),
  reserved: z.number().int(),
  version: z.number().int(),
  /** The time of the last event the answer holds. */
  asOf: z.string().optional(),
});
