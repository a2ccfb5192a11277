import type { EventEnvelope } from '../../../lib/envelope/eventEnvelope';
import type { Reaction, Reactor } from '../../../lib/reactors/reactor';
import { inventoryCatalog, type InventoryEvent } from '../../inventory/domain/inventoryEvents';
import type { OrderCommand } from '../domain/orderCommands';

/**
 * Order's side of the reservation: each sku's answer is recorded on the order it was for
 * (aggregate id = order id; the sku is the source aggregate id). Lines of one order live on
 * different skus, so their answers may arrive in any order; the order decider copes.
 */
export const orderOnInventory: Reactor<InventoryEvent, OrderCommand> = {
  name: 'order-on-inventory',
  catalog: inventoryCatalog,
  react: (envelope: EventEnvelope<InventoryEvent>): readonly Reaction<OrderCommand>[] => {
    const { event, aggregateId: sku } = envelope;
    switch (event.type) {
      case 'StockReserved': {
        const { orderId, quantity } = event.data;
        return [{ aggregateId: orderId, command: { type: 'RecordStockReserved', orderId, sku, quantity } }];
      }
      case 'ReservationRejected': {
        const { orderId, reason } = event.data;
        return [
          { aggregateId: orderId, command: { type: 'RecordReservationRejected', orderId, sku, reason } },
        ];
      }
      case 'Restocked':
      case 'StockReleased':
      case 'StockShipped':
        return [];
      default: {
        const unknown: never = event;
        throw new Error(`unknown inventory event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
