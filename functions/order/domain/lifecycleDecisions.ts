import { invalidTransition } from '../../../lib/errors/domainErrors';
import type { OrderCommand } from './orderCommands';
import type { OrderEvent } from './orderEvents';
import { OrderStatus, type PlacedOrder } from './orderState';

type Command<Type extends OrderCommand['type']> = Extract<OrderCommand, { type: Type }>;

/** The reason an order cancelled by its customer gets when they give none. */
export const DEFAULT_CANCEL_REASON = 'cancelled by customer';

/**
 * OrderCancelled carries the customer and the lines so that Inventory (release every line) and
 * Payment (refund the customer) can compensate without reading the order.
 */
export function orderCancelled(order: PlacedOrder, reason: string): OrderEvent {
  return {
    type: 'OrderCancelled',
    data: {
      reason,
      customerId: order.customerId,
      items: [...order.items],
      paymentPending: order.paymentPending,
    },
  };
}

/** Allowed until payment is captured: after that, the money is taken and goods are owed. */
export function cancelOrder(command: Command<'CancelOrder'>, order: PlacedOrder): readonly OrderEvent[] {
  if (order.status !== OrderStatus.Purchasing && order.status !== OrderStatus.Payment) {
    throw invalidTransition(command.type, order.status);
  }
  return [orderCancelled(order, command.reason ?? DEFAULT_CANCEL_REASON)];
}

/** Only a paid order can be fulfilled; Inventory ships its lines in reaction. */
export function fulfilOrder(command: Command<'FulfilOrder'>, order: PlacedOrder): readonly OrderEvent[] {
  if (order.status !== OrderStatus.Fulfillment) throw invalidTransition(command.type, order.status);
  return [{ type: 'OrderFulfilled', data: { items: [...order.items] } }];
}
