import { orderCommandSchema } from '../../../../../functions/order/domain/orderCommands';
import { orderOnPayment } from '../../../../../functions/order/reactors/orderOnPayment';
import type { PaymentEvent } from '../../../../../functions/payment/domain/paymentEvents';
import { envelopeOf } from '../../envelopes';

const react = (event: PaymentEvent) => orderOnPayment.react(envelopeOf('account', 'customer-1', event));

describe('orderOnPayment', () => {
  it('records a capture on the order it was for, with the attempt and amount', () => {
    expect(react({ type: 'PaymentCaptured', data: { orderId: 'o-1', attempt: 2, amount: 2500 } })).toEqual([
      {
        aggregateId: 'o-1',
        command: { type: 'RecordPaymentCaptured', orderId: 'o-1', attempt: 2, amount: 2500 },
      },
    ]);
  });

  it('records a decline with the attempt and reason', () => {
    const event: PaymentEvent = {
      type: 'PaymentDeclined',
      data: { orderId: 'o-1', attempt: 1, amount: 2500, reason: 'insufficient funds' },
    };
    expect(react(event)).toEqual([
      {
        aggregateId: 'o-1',
        command: { type: 'RecordPaymentDeclined', orderId: 'o-1', attempt: 1, reason: 'insufficient funds' },
      },
    ]);
  });

  it('asks nothing for deposits and refunds', () => {
    const others: PaymentEvent[] = [
      { type: 'Deposited', data: { amount: 5 } },
      { type: 'PaymentRefunded', data: { orderId: 'o-1', amount: 2500 } },
    ];
    expect(others.flatMap(react)).toEqual([]);
  });

  it('asks only for commands the order decider accepts', () => {
    const reactions = react({ type: 'PaymentCaptured', data: { orderId: 'o-1', attempt: 1, amount: 1 } });
    for (const { command } of reactions) expect(orderCommandSchema.safeParse(command).success).toBe(true);
  });
});
