import { businessRule, invalidTransition } from '../../../lib/errors/domainErrors';
import type { OrderCommand } from './orderCommands';
import type { OrderEvent } from './orderEvents';
import { OrderStatus, type PlacedOrder } from './orderState';

type Command<Type extends OrderCommand['type']> = Extract<OrderCommand, { type: Type }>;

/**
 * Asks Payment to charge the customer. One attempt at a time: a second submit while one is pending
 * is a 409 (the state conflicts, and retrying once the result is in may succeed), not a 422.
 */
export function submitPayment(command: Command<'SubmitPayment'>, order: PlacedOrder): readonly OrderEvent[] {
  if (order.status !== OrderStatus.Payment) throw invalidTransition(command.type, order.status);
  if (order.paymentPending) throw invalidTransition(command.type, `${order.status} with a payment pending`);
  if (command.amount !== order.total) {
    throw businessRule(`amount must equal the order total (${order.total})`, {
      expected: order.total,
      actual: command.amount,
    });
  }
  const attempt = order.attempts + 1;
  return [{ type: 'PaymentRequested', data: { amount: order.total, customerId: order.customerId, attempt } }];
}

/** The pending attempt was captured: the order is paid. Other results are stale or late: ignored. */
export function recordPaymentCaptured(
  command: Command<'RecordPaymentCaptured'>,
  order: PlacedOrder,
): readonly OrderEvent[] {
  if (!awaits(order, command.attempt)) return [];
  if (command.amount !== order.total) {
    throw businessRule(`captured ${command.amount}, the order total is ${order.total}`, {
      expected: order.total,
      actual: command.amount,
    });
  }
  return [{ type: 'OrderPaid', data: { attempt: command.attempt, amount: command.amount } }];
}

/** The pending attempt was declined: the order stays in PAYMENT so the customer can pay again. */
export function recordPaymentDeclined(
  command: Command<'RecordPaymentDeclined'>,
  order: PlacedOrder,
): readonly OrderEvent[] {
  if (!awaits(order, command.attempt)) return [];
  return [{ type: 'PaymentDeclined', data: { attempt: command.attempt, reason: command.reason } }];
}

// Only the latest attempt's result counts, and only while it is pending: a cancelled order that
// is captured late is refunded by Payment's reaction to OrderCancelled, not here.
function awaits(order: PlacedOrder, attempt: number): boolean {
  return order.status === OrderStatus.Payment && order.paymentPending && attempt === order.attempts;
}
