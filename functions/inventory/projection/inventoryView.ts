import type { Projection } from '../../../lib/projections/projection';
import { inventoryCatalog, type InventoryEvent } from '../domain/inventoryEvents';

/** The stock of one sku as the API serves it. */
export interface InventoryView {
  sku: string;
  available: number;
  reserved: number;
}

/**
 * The inventory read model (one document per sku), fed by the inventory topic. A sku's first
 * event may be a rejected reservation (it was never restocked): its document then shows no stock.
 */
export const inventoryView: Projection<InventoryView, InventoryEvent> = {
  name: 'inventory-view',
  catalog: inventoryCatalog,
  evolve: (doc, { aggregateId, event }) => {
    const view = doc ?? { sku: aggregateId, available: 0, reserved: 0 };
    switch (event.type) {
      case 'Restocked':
        return { ...view, available: view.available + event.data.quantity };
      case 'StockReserved':
        return move(view, -event.data.quantity, event.data.quantity);
      case 'ReservationRejected':
        return view;
      case 'StockReleased':
        return move(view, event.data.quantity, -event.data.quantity);
      case 'StockShipped':
        return move(view, 0, -event.data.quantity);
      default: {
        const unknown: never = event;
        throw new Error(`unknown inventory event ${JSON.stringify(unknown)}`);
      }
    }
  },
};

function move(view: InventoryView, available: number, reserved: number): InventoryView {
  return { ...view, available: view.available + available, reserved: view.reserved + reserved };
}
