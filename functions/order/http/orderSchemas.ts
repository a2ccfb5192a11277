import { createHash } from 'node:crypto';
import * as z from 'zod';
import { IDENTIFIER_PATTERN, OrderLimits, orderItemSchema } from '../domain/orderEvents';
import { readQuery } from '../../../lib/http/readQueries';
import { OrderStatus } from '../domain/orderState';

// The HTTP contract of the order routes. The handlers validate with these schemas and the OpenAPI
// document is generated from them, so the two cannot disagree.

export const identifier = z.string().regex(IDENTIFIER_PATTERN, 'letters, digits and . _ : @ - (at most 128)');

export const orderIdPath = z.strictObject({ orderId: identifier });

export const placeOrderBody = z.strictObject({
  /** Defaults to the caller (the token's `sub`); naming another customer takes orders:admin. */
  customerId: identifier.optional(),
  items: z.array(orderItemSchema).min(1).max(OrderLimits.maxItems),
});

export const submitPaymentBody = z.strictObject({ amount: z.number().int().positive() });

export const cancelOrderBody = z.strictObject({
  reason: z.string().trim().min(1).max(OrderLimits.maxReasonLength).optional(),
});

export const orderStatus = z.enum(OrderStatus);

/** Read-your-writes: the version a command answered with; the query waits (briefly) for it. */
export const minVersion = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** `minVersion` (read your writes), or a past state: `version` or `at`. */
export const getOrderQuery = readQuery;

export const listOrdersQuery = z.strictObject({
  /** Defaults to the caller; another customer's orders take orders:admin. */
  customerId: identifier.optional(),
  status: orderStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(4096).optional(),
});

export const orderResponseBody = z.object({
  orderId: identifier,
  customerId: identifier,
  status: orderStatus,
  items: z.array(orderItemSchema),
  total: z.number().int(),
  version: z.number().int(),
  /** The time of the last event the answer holds: how fresh it is. */
  asOf: z.string().optional(),
  reason: z.string().optional(),
  paymentError: z.string().optional(),
});

export const orderCommandResponseBody = z.object({
  orderId: identifier,
  status: orderStatus,
  version: z.number().int(),
});

export const orderListBody = z.object({
  items: z.array(orderResponseBody),
  nextCursor: z.string().optional(),
});

/**
 * The id of a new order, derived from the command id: a retry with the same Idempotency-Key (hence
 * the same command id) addresses the same order, so the head recognises it instead of placing twice.
 */
export function newOrderId(commandId: string): string {
  return `ord-${createHash('sha256').update(commandId).digest('base64url').slice(0, 22)}`;
}
