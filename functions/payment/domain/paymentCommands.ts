import * as z from 'zod';
import { checkCommand } from '../../../lib/domain/checkCommand';
import { ORDER_ID_PATTERN } from './paymentEvents';

/**
 * What can be asked of a customer's account. Deposit comes from the API; Charge and Refund come
 * from the payment reactor on behalf of an order, and are idempotent per order id.
 */
export type PaymentCommand =
  | { type: 'Deposit'; amount: number }
  | { type: 'Charge'; orderId: string; attempt: number; amount: number }
  | { type: 'Refund'; orderId: string };

const orderId = z.string().regex(ORDER_ID_PATTERN);
const positive = z.number().int().positive();

/** The shape of every payment command, checked by the decider (and reusable at the edge). */
export const paymentCommandSchema: z.ZodType<PaymentCommand> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Deposit'), amount: positive }),
  z.strictObject({ type: z.literal('Charge'), orderId, attempt: positive, amount: positive }),
  z.strictObject({ type: z.literal('Refund'), orderId }),
]);

/** Checks a command against {@link paymentCommandSchema} (a malformed one is a 422, see `checkCommand`). */
export function checkPaymentCommand(candidate: PaymentCommand): PaymentCommand {
  return checkCommand(paymentCommandSchema, candidate);
}
