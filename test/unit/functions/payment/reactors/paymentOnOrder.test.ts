import type { OrderEvent } from '../../../../../functions/order/domain/orderEvents';
import { paymentCommandSchema } from '../../../../../functions/payment/domain/paymentCommands';
import { paymentOnOrder } from '../../../../../functions/payment/reactors/paymentOnOrder';
import {
  cancelled,
  customerId,
  declined,
  fulfilled,
  orderId,
  paid,
  placed,
  requested,
  reserved,
} from '../../order/domain/orderFixtures';
import { envelopeOf } from '../../envelopes';

const react = (event: OrderEvent) => paymentOnOrder.react(envelopeOf('order', orderId, event));

describe('paymentOnOrder', () => {
  it("charges the customer's account for each requested payment, naming the attempt", () => {
    expect(react(requested(2))).toEqual([
      { aggregateId: customerId, command: { type: 'Charge', orderId, attempt: 2, amount: 2500 } },
    ]);
  });

  it('asks for a refund whenever an order is cancelled, pending payment or not', () => {
    const refund = [{ aggregateId: customerId, command: { type: 'Refund', orderId } }];
    expect(react(cancelled('cancelled by customer', true))).toEqual(refund);
    expect(react(cancelled('out of stock: SKU-B', false))).toEqual(refund);
  });

  it('asks nothing for the other order events', () => {
    const others: OrderEvent[] = [
      placed,
      { type: 'OrderLineReserved', data: { sku: 'SKU-A', quantity: 2 } },
      reserved,
      declined(1),
      paid(1),
      fulfilled,
    ];
    expect(others.flatMap(react)).toEqual([]);
  });

  it('asks only for commands the payment decider accepts', () => {
    const reactions = [requested(1), cancelled('x')].flatMap(react);
    for (const { command } of reactions) expect(paymentCommandSchema.safeParse(command).success).toBe(true);
  });
});
