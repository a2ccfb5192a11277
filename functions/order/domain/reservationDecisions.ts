import { businessRule } from '../../../lib/errors/domainErrors';
import type { OrderCommand } from './orderCommands';
import type { OrderEvent, OrderItem } from './orderEvents';
import { orderCancelled } from './lifecycleDecisions';
import { OrderStatus, type PlacedOrder } from './orderState';

type Command<Type extends OrderCommand['type']> = Extract<OrderCommand, { type: Type }>;

/**
 * A line Inventory reserved. Outside PURCHASING the result is late (e.g. the order was cancelled
 * because another line was out of stock) and ignored: Inventory releases every line of a cancelled
 * order itself. A repeated confirmation is ignored too; the last one moves the order to PAYMENT.
 */
export function recordStockReserved(
  command: Command<'RecordStockReserved'>,
  order: PlacedOrder,
): readonly OrderEvent[] {
  if (order.status !== OrderStatus.Purchasing || order.reservedSkus.includes(command.sku)) return [];
  const line = lineOf(order, command.sku);
  if (line.quantity !== command.quantity) {
    throw businessRule(
      `${command.sku} was reserved ${command.quantity} times, the order needs ${line.quantity}`,
      {
        sku: command.sku,
        expected: line.quantity,
        actual: command.quantity,
      },
    );
  }
  const reserved: OrderEvent = {
    type: 'OrderLineReserved',
    data: { sku: line.sku, quantity: line.quantity },
  };
  const complete = order.reservedSkus.length + 1 === order.items.length;
  return complete ? [reserved, { type: 'OrderReserved', data: { total: order.total } }] : [reserved];
}

/** One line that cannot be reserved cancels the whole order (no partial orders). */
export function recordReservationRejected(
  command: Command<'RecordReservationRejected'>,
  order: PlacedOrder,
): readonly OrderEvent[] {
  if (order.status !== OrderStatus.Purchasing) return [];
  const { sku } = lineOf(order, command.sku);
  // Inventory's reasons are mapped, not copied: the order's reason stays bounded and readable.
  const reason = command.reason === 'unknown sku' ? `unknown sku: ${sku}` : `out of stock: ${sku}`;
  return [orderCancelled(order, reason)];
}

// A result for a sku the order never asked for is a bug upstream: reject it loudly, change nothing.
function lineOf(order: PlacedOrder, sku: string): OrderItem {
  const line = order.items.find((item) => item.sku === sku);
  if (!line) throw businessRule(`${sku} is not a line of this order`, { sku });
  return line;
}
