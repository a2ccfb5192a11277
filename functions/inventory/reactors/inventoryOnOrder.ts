import type { EventEnvelope } from '../../../lib/envelope/eventEnvelope';
import type { Reaction, Reactor } from '../../../lib/reactors/reactor';
import { orderCatalog, type OrderEvent, type OrderItem } from '../../order/domain/orderEvents';
import type { InventoryCommand } from '../domain/inventoryCommands';

type Reactions = readonly Reaction<InventoryCommand>[];

/**
 * Inventory's side of the order choreography: reserve every line of a placed order, release every
 * line of a cancelled one (lines never reserved release nothing), ship every line of a fulfilled
 * one. One command per line, aggregate id = sku, in line order.
 *
 * The order topic is read in order per order, so an order's reservations always run before its
 * releases: a line reserved after the order was already cancelled is still released.
 */
export const inventoryOnOrder: Reactor<OrderEvent, InventoryCommand> = {
  name: 'inventory-on-order',
  catalog: orderCatalog,
  react: (envelope: EventEnvelope<OrderEvent>): Reactions => {
    const { event, aggregateId: orderId } = envelope;
    switch (event.type) {
      case 'OrderPlaced':
        return perLine(event.data.items, ({ quantity }) => ({ type: 'Reserve', orderId, quantity }));
      case 'OrderCancelled':
        return perLine(event.data.items, () => ({ type: 'Release', orderId }));
      case 'OrderFulfilled':
        return perLine(event.data.items, () => ({ type: 'Ship', orderId }));
      case 'OrderLineReserved':
      case 'OrderReserved':
      case 'PaymentRequested':
      case 'PaymentDeclined':
      case 'OrderPaid':
        return [];
      default: {
        const unknown: never = event;
        throw new Error(`unknown order event ${JSON.stringify(unknown)}`);
      }
    }
  },
};

function perLine(items: readonly OrderItem[], command: (item: OrderItem) => InventoryCommand): Reactions {
  return items.map((item) => ({ aggregateId: item.sku, command: command(item) }));
}
