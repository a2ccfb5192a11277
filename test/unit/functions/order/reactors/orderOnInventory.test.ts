import type { InventoryEvent } from '../../../../../functions/inventory/domain/inventoryEvents';
import { orderCommandSchema } from '../../../../../functions/order/domain/orderCommands';
import { orderOnInventory } from '../../../../../functions/order/reactors/orderOnInventory';
import { envelopeOf } from '../../envelopes';

const react = (event: InventoryEvent) => orderOnInventory.react(envelopeOf('inventory', 'SKU-A', event));

describe('orderOnInventory', () => {
  it('records a reservation on the order it was for, naming the sku it was made on', () => {
    expect(react({ type: 'StockReserved', data: { orderId: 'o-1', quantity: 2 } })).toEqual([
      {
        aggregateId: 'o-1',
        command: { type: 'RecordStockReserved', orderId: 'o-1', sku: 'SKU-A', quantity: 2 },
      },
    ]);
  });

  it('records a rejection with its reason', () => {
    const event: InventoryEvent = {
      type: 'ReservationRejected',
      data: { orderId: 'o-1', quantity: 2, reason: 'unknown sku' },
    };
    expect(react(event)).toEqual([
      {
        aggregateId: 'o-1',
        command: { type: 'RecordReservationRejected', orderId: 'o-1', sku: 'SKU-A', reason: 'unknown sku' },
      },
    ]);
  });

  it('asks nothing for restocks, releases and shipments', () => {
    const others: InventoryEvent[] = [
      { type: 'Restocked', data: { quantity: 5 } },
      { type: 'StockReleased', data: { orderId: 'o-1', quantity: 2 } },
      { type: 'StockShipped', data: { orderId: 'o-1', quantity: 2 } },
    ];
    expect(others.flatMap(react)).toEqual([]);
  });

  it('asks only for commands the order decider accepts', () => {
    const reactions = react({ type: 'StockReserved', data: { orderId: 'o-1', quantity: 2 } });
    for (const { command } of reactions) expect(orderCommandSchema.safeParse(command).success).toBe(true);
  });
});
