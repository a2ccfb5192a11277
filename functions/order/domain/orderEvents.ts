import * as z from 'zod';
import { defineEventCatalog } from '../../../lib/envelope/eventCatalog';

/**
 * What an order id, customer id or sku may look like. They become aggregate ids, Kafka keys and
 * DynamoDB keys elsewhere, so the contract keeps them short and free of spaces and `#` (the order
 * view joins keys with `#`). The HTTP layer can reuse it to answer 400 before the decider's 422.
 */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/** Limits of the order contract, shared by the command checks and the event catalog. */
export const OrderLimits = { maxItems: 50, maxReasonLength: 200 } as const;

const identifier = z.string().regex(IDENTIFIER_PATTERN);
const count = z.number().int().positive();
const reason = z.string().min(1).max(OrderLimits.maxReasonLength);

/** One line of an order; money in integer minor units (cents). */
export const orderItemSchema = z.strictObject({ sku: identifier, quantity: count, unitPrice: count });
export type OrderItem = z.infer<typeof orderItemSchema>;

const items = z.array(orderItemSchema).min(1).max(OrderLimits.maxItems);

/** Everything that can happen to an order. The union is the contract other services read. */
export type OrderEvent =
  | {
      type: 'OrderPlaced';
      data: { customerId: string; items: OrderItem[]; total: number; placedAt: string };
    }
  | { type: 'OrderLineReserved'; data: { sku: string; quantity: number } }
  /** Every line is reserved: the order now waits for payment of `total`. */
  | { type: 'OrderReserved'; data: { total: number } }
  | { type: 'PaymentRequested'; data: { amount: number; customerId: string; attempt: number } }
  | { type: 'PaymentDeclined'; data: { attempt: number; reason: string } }
  | { type: 'OrderPaid'; data: { attempt: number; amount: number } }
  | { type: 'OrderFulfilled'; data: { items: OrderItem[] } }
  | {
      type: 'OrderCancelled';
      data: { reason: string; customerId: string; items: OrderItem[]; paymentPending: boolean };
    };

/**
 * The order event catalog (aggregate type `order`). Inventory and Payment react to it; every
 * event the order decider emits must pass it, or the command handler refuses to publish.
 */
export const orderCatalog = defineEventCatalog<OrderEvent>('order', {
  OrderPlaced: {
    schemaVersion: 1,
    data: z.strictObject({
      customerId: identifier,
      items,
      total: count,
      placedAt: z.iso.datetime({ offset: true }),
    }),
  },
  OrderLineReserved: { schemaVersion: 1, data: z.strictObject({ sku: identifier, quantity: count }) },
  OrderReserved: { schemaVersion: 1, data: z.strictObject({ total: count }) },
  PaymentRequested: {
    schemaVersion: 1,
    data: z.strictObject({ amount: count, customerId: identifier, attempt: count }),
  },
  PaymentDeclined: { schemaVersion: 1, data: z.strictObject({ attempt: count, reason }) },
  OrderPaid: { schemaVersion: 1, data: z.strictObject({ attempt: count, amount: count }) },
  OrderFulfilled: { schemaVersion: 1, data: z.strictObject({ items }) },
  OrderCancelled: {
    schemaVersion: 1,
    data: z.strictObject({ reason, customerId: identifier, items, paymentPending: z.boolean() }),
  },
});
