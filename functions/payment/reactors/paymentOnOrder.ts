import type { EventEnvelope } from '../../../lib/envelope/eventEnvelope';
import type { Reaction, Reactor } from '../../../lib/reactors/reactor';
import { orderCatalog, type OrderEvent } from '../../order/domain/orderEvents';
import type { PaymentCommand } from '../domain/paymentCommands';

/**
 * Payment's side of the order choreography: charge the customer's account for each payment the
 * order requests, and refund it whenever an order is cancelled. The refund is asked for every
 * cancellation, not only those with a payment pending: it is idempotent and decides nothing when
 * nothing was captured, and asking always cannot miss a capture that raced the cancellation.
 */
export const paymentOnOrder: Reactor<OrderEvent, PaymentCommand> = {
  name: 'payment-on-order',
  catalog: orderCatalog,
  react: (envelope: EventEnvelope<OrderEvent>): readonly Reaction<PaymentCommand>[] => {
    const { event, aggregateId: orderId } = envelope;
    switch (event.type) {
      case 'PaymentRequested': {
        const { customerId, attempt, amount } = event.data;
        return [{ aggregateId: customerId, command: { type: 'Charge', orderId, attempt, amount } }];
      }
      case 'OrderCancelled':
        return [{ aggregateId: event.data.customerId, command: { type: 'Refund', orderId } }];
      case 'OrderPlaced':
      case 'OrderLineReserved':
      case 'OrderReserved':
      case 'PaymentDeclined':
      case 'OrderPaid':
      case 'OrderFulfilled':
        return [];
      default: {
        const unknown: never = event;
        throw new Error(`unknown order event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
