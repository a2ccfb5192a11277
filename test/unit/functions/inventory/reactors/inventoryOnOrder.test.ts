import { inventoryCommandSchema } from '../../../../../functions/inventory/domain/inventoryCommands';
import { inventoryOnOrder } from '../../../../../functions/inventory/reactors/inventoryOnOrder';
import type { OrderEvent } from '../../../../../functions/order/domain/orderEvents';
import {
  cancelled,
  fulfilled,
  items,
  orderId,
  paid,
  placed,
  requested,
} from '../../order/domain/orderFixtures';
import { envelopeOf } from '../../envelopes';

const react = (event: OrderEvent) => inventoryOnOrder.react(envelopeOf('order', orderId, event));

describe('inventoryOnOrder', () => {
  it('reserves every line of a placed order on its sku, in line order', () => {
    expect(react(placed)).toEqual([
      { aggregateId: 'SKU-A', command: { type: 'Reserve', orderId, quantity: 2 } },
      { aggregateId: 'SKU-B', command: { type: 'Reserve', orderId, quantity: 1 } },
    ]);
  });

  it('releases every line of a cancelled order, reserved or not', () => {
    expect(react(cancelled('out of stock: SKU-B'))).toEqual(
      items.map((item) => ({ aggregateId: item.sku, command: { type: 'Release', orderId } })),
    );
  });

  it('ships every line of a fulfilled order', () => {
    expect(react(fulfilled)).toEqual(
      items.map((item) => ({ aggregateId: item.sku, command: { type: 'Ship', orderId } })),
    );
  });

  it('asks nothing for the other order events', () => {
    const others: OrderEvent[] = [
      { type: 'OrderLineReserved', data: { sku: 'SKU-A', quantity: 2 } },
      { type: 'OrderReserved', data: { total: 2500 } },
      requested(1),
      { type: 'PaymentDeclined', data: { attempt: 1, reason: 'insufficient funds' } },
      paid(1),
    ];
    expect(others.flatMap(react)).toEqual([]);
  });

  it('asks only for commands the inventory decider accepts', () => {
    const reactions = [placed, cancelled('x'), fulfilled].flatMap(react);
    for (const { command } of reactions) expect(inventoryCommandSchema.safeParse(command).success).toBe(true);
  });
});
