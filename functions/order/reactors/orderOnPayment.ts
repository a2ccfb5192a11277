import type { EventEnvelope } from '../../../lib/envelope/eventEnvelope';
import type { Reaction, Reactor } from '../../../lib/reactors/reactor';
import { paymentCatalog, type PaymentEvent } from '../../payment/domain/paymentEvents';
import type { OrderCommand } from '../domain/orderCommands';

/**
 * Order's side of the payment: each charge's answer is recorded on the order it was for
 * (aggregate id = order id), naming the attempt so that stale answers are ignored there.
 */
export const orderOnPayment: Reactor<PaymentEvent, OrderCommand> = {
  name: 'order-on-payment',
  catalog: paymentCatalog,
  react: (envelope: EventEnvelope<PaymentEvent>): readonly Reaction<OrderCommand>[] => {
    const { event } = envelope;
    switch (event.type) {
      case 'PaymentCaptured': {
        const { orderId, attempt, amount } = event.data;
        return [
          { aggregateId: orderId, command: { type: 'RecordPaymentCaptured', orderId, attempt, amount } },
        ];
      }
      case 'PaymentDeclined': {
        const { orderId, attempt, reason } = event.data;
        return [
          { aggregateId: orderId, command: { type: 'RecordPaymentDeclined', orderId, attempt, reason } },
        ];
      }
      case 'Deposited':
      case 'PaymentRefunded':
        return [];
      default: {
        const unknown: never = event;
        throw new Error(`unknown payment event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
