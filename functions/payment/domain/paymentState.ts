import type { PaymentEvent } from './paymentEvents';

/** Where one order's charge stands on this account. */
export const ChargeStatus = { Captured: 'captured', Declined: 'declined', Refunded: 'refunded' } as const;
export type ChargeStatus = (typeof ChargeStatus)[keyof typeof ChargeStatus];

/** The latest answer to an order's charge: its attempt, amount and outcome. */
export interface Charge {
  readonly attempt: number;
  readonly amount: number;
  readonly status: ChargeStatus;
}

/**
 * A customer's account. `charges` is keyed by order id and remembers every order ever charged, so
 * a redelivered Charge can never take money twice. They are entities of the account (see
 * `paymentDecider`): stored one item each, and a command sees only the one of the order it names.
 * Read it only through {@link chargeOf}: order ids such as `constructor` would otherwise find
 * Object.prototype's members.
 */
export interface PaymentState {
  readonly balance: number;
  readonly charges: Readonly<Record<string, Charge>>;
}

/** An account nobody deposited to yet: charges on it are declined. */
export const initialPaymentState: PaymentState = { balance: 0, charges: {} };

/** The latest charge for an order, if it was ever charged. */
export function chargeOf(state: PaymentState, orderId: string): Charge | undefined {
  return Object.hasOwn(state.charges, orderId) ? state.charges[orderId] : undefined;
}

/** Applies one payment event. Events are facts: no checks here. */
export function evolvePayment(state: PaymentState, event: PaymentEvent): PaymentState {
  switch (event.type) {
    case 'Deposited':
      return { ...state, balance: state.balance + event.data.amount };
    case 'PaymentCaptured': {
      const { orderId, attempt, amount } = event.data;
      const next = withCharge(state, orderId, { attempt, amount, status: ChargeStatus.Captured });
      return { ...next, balance: state.balance - amount };
    }
    case 'PaymentDeclined': {
      const { orderId, attempt, amount } = event.data;
      return withCharge(state, orderId, { attempt, amount, status: ChargeStatus.Declined });
    }
    case 'PaymentRefunded': {
      const { orderId, amount } = event.data;
      const charge = chargeOf(state, orderId);
      const attempt = charge?.attempt ?? 0;
      const next = withCharge(state, orderId, { attempt, amount, status: ChargeStatus.Refunded });
      return { ...next, balance: state.balance + amount };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown payment event ${JSON.stringify(unknown)}`);
    }
  }
}

// A computed key defines an own property even for `__proto__`, so any order id is a safe key.
function withCharge(state: PaymentState, orderId: string, charge: Charge): PaymentState {
  return { ...state, charges: { ...state.charges, [orderId]: charge } };
}
