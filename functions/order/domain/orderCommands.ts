import * as z from 'zod';
import { checkCommand } from '../../../lib/domain/checkCommand';
import { IDENTIFIER_PATTERN, OrderLimits, orderItemSchema, type OrderItem } from './orderEvents';

/**
 * What can be asked of an order. Every command names its `orderId`, which must equal the aggregate
 * id it is sent to: `decide` is not given the aggregate id, and a missing order is reported by id.
 * `Record*` commands come from reactors (results of Inventory and Payment), the rest from the API.
 */
export type OrderCommand =
  | { type: 'PlaceOrder'; orderId: string; customerId: string; items: OrderItem[] }
  | { type: 'RecordStockReserved'; orderId: string; sku: string; quantity: number }
  | { type: 'RecordReservationRejected'; orderId: string; sku: string; reason: string }
  | { type: 'SubmitPayment'; orderId: string; amount: number }
  | { type: 'RecordPaymentCaptured'; orderId: string; attempt: number; amount: number }
  | { type: 'RecordPaymentDeclined'; orderId: string; attempt: number; reason: string }
  | { type: 'FulfilOrder'; orderId: string }
  | { type: 'CancelOrder'; orderId: string; reason?: string };

const identifier = z.string().regex(IDENTIFIER_PATTERN);
const count = z.number().int().positive();
const reason = z.string().trim().min(1).max(OrderLimits.maxReasonLength);
const command = <Type extends OrderCommand['type'], Shape extends z.ZodRawShape>(type: Type, shape: Shape) =>
  z.strictObject({ type: z.literal(type), orderId: identifier, ...shape });

/**
 * The shape of every order command, for the decider's own check (and for edges that want to reuse
 * it). Duplicate skus and the total's range are business rules checked by the decider itself.
 */
export const orderCommandSchema: z.ZodType<OrderCommand> = z.discriminatedUnion('type', [
  command('PlaceOrder', {
    customerId: identifier,
    items: z.array(orderItemSchema).min(1).max(OrderLimits.maxItems),
  }),
  command('RecordStockReserved', { sku: identifier, quantity: count }),
  command('RecordReservationRejected', { sku: identifier, reason }),
  command('SubmitPayment', { amount: count }),
  command('RecordPaymentCaptured', { attempt: count, amount: count }),
  command('RecordPaymentDeclined', { attempt: count, reason }),
  command('FulfilOrder', {}),
  command('CancelOrder', { reason: reason.optional() }),
]);

/** Checks a command against {@link orderCommandSchema} (a malformed one is a 422, see `checkCommand`). */
export function checkOrderCommand(candidate: OrderCommand): OrderCommand {
  return checkCommand(orderCommandSchema, candidate);
}
