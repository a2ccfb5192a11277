import { deciderSpecification } from '../../../../../lib/domain/deciderSpecification';
import type { PaymentCommand } from '../../../../../functions/payment/domain/paymentCommands';
import { paymentDecider } from '../../../../../functions/payment/domain/paymentDecider';
import type { PaymentEvent } from '../../../../../functions/payment/domain/paymentEvents';

const spec = deciderSpecification(paymentDecider);

const deposited = (amount: number): PaymentEvent => ({ type: 'Deposited', data: { amount } });
const captured = (orderId: string, attempt: number, amount: number): PaymentEvent => ({
  type: 'PaymentCaptured',
  data: { orderId, attempt, amount },
});
const declined = (orderId: string, attempt: number, amount: number): PaymentEvent => ({
  type: 'PaymentDeclined',
  data: { orderId, attempt, amount, reason: 'insufficient funds' },
});
const refunded = (orderId: string, amount: number): PaymentEvent => ({
  type: 'PaymentRefunded',
  data: { orderId, amount },
});

const charge = (orderId: string, attempt: number, amount: number): PaymentCommand => ({
  type: 'Charge',
  orderId,
  attempt,
  amount,
});
const refund = (orderId: string): PaymentCommand => ({ type: 'Refund', orderId });

describe('depositing', () => {
  it('opens the account with the first deposit and adds later ones', () => {
    spec
      .given([])
      .when({ type: 'Deposit', amount: 1000 })
      .then([deposited(1000)]);
    spec
      .given([deposited(1000)])
      .when({ type: 'Deposit', amount: 1 })
      .then([deposited(1)]);
  });

  it.each([0, -5, 10.5])('refuses an amount of %p', (amount) => {
    spec.given([]).when({ type: 'Deposit', amount }).thenThrows('business_rule');
  });

  it('refuses a balance beyond what can be counted exactly', () => {
    spec
      .given([deposited(Number.MAX_SAFE_INTEGER)])
      .when({ type: 'Deposit', amount: 1 })
      .thenThrows(/largest amount/);
  });
});

describe('charging', () => {
  it('captures when the balance covers the amount exactly', () => {
    spec
      .given([deposited(2500)])
      .when(charge('o-1', 1, 2500))
      .then([captured('o-1', 1, 2500)]);
  });

  it('declines for insufficient funds, leaving the balance never negative', () => {
    spec
      .given([deposited(2499)])
      .when(charge('o-1', 1, 2500))
      .then([declined('o-1', 1, 2500)]);
    spec
      .given([])
      .when(charge('o-1', 1, 2500))
      .then([declined('o-1', 1, 2500)]);
  });

  it('never charges an order twice once captured, whatever the attempt', () => {
    const history = [deposited(10_000), captured('o-1', 1, 2500)];
    spec
      .given(history)
      .when(charge('o-1', 1, 2500))
      .then([]);
    spec
      .given(history)
      .when(charge('o-1', 2, 2500))
      .then([]);
  });

  it('answers a declined attempt once, and charges the next attempt after a deposit', () => {
    const history = [declined('o-1', 1, 2500), deposited(3000)];
    spec
      .given(history)
      .when(charge('o-1', 1, 2500))
      .then([]);
    spec
      .given(history)
      .when(charge('o-1', 2, 2500))
      .then([captured('o-1', 2, 2500)]);
  });

  it('does not charge an order that was refunded', () => {
    spec
      .given([deposited(2500), captured('o-1', 1, 2500), refunded('o-1', 2500)])
      .when(charge('o-1', 2, 2500))
      .then([]);
  });

  it('keeps charges of different orders apart', () => {
    spec
      .given([deposited(5000), captured('o-1', 1, 2500)])
      .when(charge('o-2', 1, 2500))
      .then([captured('o-2', 1, 2500)]);
  });

  it('treats order ids that are Object.prototype member names as plain ids', () => {
    for (const orderId of ['constructor', 'toString', 'valueOf']) {
      spec
        .given([deposited(10)])
        .when(charge(orderId, 1, 10))
        .then([captured(orderId, 1, 10)]);
      spec
        .given([deposited(10)])
        .when(refund(orderId))
        .then([]);
    }
  });

  it('refuses a malformed charge', () => {
    spec
      .given([deposited(10)])
      .when(charge('o-1', 0, 10))
      .thenThrows('business_rule');
    spec
      .given([deposited(10)])
      .when(charge('o-1', 1, 0))
      .thenThrows('business_rule');
  });
});

describe('refunding', () => {
  it('gives back what was captured for the order, once', () => {
    const history = [deposited(3000), captured('o-1', 1, 2500)];
    spec
      .given(history)
      .when(refund('o-1'))
      .then([refunded('o-1', 2500)]);
    spec
      .given([...history, refunded('o-1', 2500)])
      .when(refund('o-1'))
      .then([]);
  });

  it('decides nothing when nothing was captured for the order', () => {
    spec.given([]).when(refund('o-1')).then([]);
    spec
      .given([deposited(10), declined('o-1', 1, 2500)])
      .when(refund('o-1'))
      .then([]);
    spec
      .given([deposited(3000), captured('o-2', 1, 2500)])
      .when(refund('o-1'))
      .then([]);
  });
});
