import * as z from 'zod';
import { defineEventCatalog } from '../../../lib/envelope/eventCatalog';

/** Order ids as Payment accepts them: short, no spaces (they are keys in the charge map). */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/** Why a charge was declined. */
export const DeclineReason = { InsufficientFunds: 'insufficient funds' } as const;
export type DeclineReason = (typeof DeclineReason)[keyof typeof DeclineReason];

/**
 * Everything that can happen to a customer's account (money in integer minor units). The union is
 * the contract Order reads; `attempt` is the order's payment attempt the charge answers.
 */
export type PaymentEvent =
  | { type: 'Deposited'; data: { amount: number } }
  | { type: 'PaymentCaptured'; data: { orderId: string; attempt: number; amount: number } }
  | {
      type: 'PaymentDeclined';
      data: { orderId: string; attempt: number; amount: number; reason: DeclineReason };
    }
  | { type: 'PaymentRefunded'; data: { orderId: string; amount: number } };

const orderId = z.string().regex(ORDER_ID_PATTERN);
const positive = z.number().int().positive();

/** The payment event catalog (aggregate type `account`, one aggregate per customer id). */
export const paymentCatalog = defineEventCatalog<PaymentEvent>('account', {
  Deposited: { schemaVersion: 1, data: z.strictObject({ amount: positive }) },
  PaymentCaptured: {
    schemaVersion: 1,
    data: z.strictObject({ orderId, attempt: positive, amount: positive }),
  },
  PaymentDeclined: {
    schemaVersion: 1,
    data: z.strictObject({
      orderId,
      attempt: positive,
      amount: positive,
      reason: z.enum([DeclineReason.InsufficientFunds]),
    }),
  },
  PaymentRefunded: { schemaVersion: 1, data: z.strictObject({ orderId, amount: positive }) },
});
