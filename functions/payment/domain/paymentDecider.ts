import { keyFromField, type Decider } from '../../../lib/domain/decider';
import { businessRule } from '../../../lib/errors/domainErrors';
import { checkPaymentCommand, type PaymentCommand } from './paymentCommands';
import { DeclineReason, type PaymentEvent } from './paymentEvents';
import {
  ChargeStatus,
  chargeOf,
  evolvePayment,
  initialPaymentState,
  type PaymentState,
} from './paymentState';

type Command<Type extends PaymentCommand['type']> = Extract<PaymentCommand, { type: Type }>;

/**
 * Decides what a payment command causes. The balance never goes negative: a charge that does not
 * fit is an event (PaymentDeclined) that Order reacts to, not an error. Charge and Refund are
 * idempotent per order, because reactors may deliver them again at any time.
 */
export function decidePayment(command: PaymentCommand, state: PaymentState): readonly PaymentEvent[] {
  const checked = checkPaymentCommand(command);
  switch (checked.type) {
    case 'Deposit':
      return deposit(checked, state);
    case 'Charge':
      return charge(checked, state);
    case 'Refund':
      return refund(checked, state);
    default: {
      const unknown: never = checked;
      throw new Error(`unknown payment command ${JSON.stringify(unknown)}`);
    }
  }
}

function deposit(command: Command<'Deposit'>, state: PaymentState): readonly PaymentEvent[] {
  if (!Number.isSafeInteger(state.balance + command.amount)) {
    throw businessRule('the balance would exceed the largest amount that can be counted', {
      balance: state.balance,
    });
  }
  return [{ type: 'Deposited', data: { amount: command.amount } }];
}

// Once captured (or refunded) an order is never charged again; a declined order may be charged
// again, but only for a newer attempt: a redelivered attempt already has its answer.
function charge(command: Command<'Charge'>, state: PaymentState): readonly PaymentEvent[] {
  const { orderId, attempt, amount } = command;
  const previous = chargeOf(state, orderId);
  if (previous && (previous.status !== ChargeStatus.Declined || previous.attempt >= attempt)) return [];
  if (state.balance < amount) {
    const reason = DeclineReason.InsufficientFunds;
    return [{ type: 'PaymentDeclined', data: { orderId, attempt, amount, reason } }];
  }
  return [{ type: 'PaymentCaptured', data: { orderId, attempt, amount } }];
}

/** Gives back what was captured for an order (its cancellation's compensation); else nothing. */
function refund(command: Command<'Refund'>, state: PaymentState): readonly PaymentEvent[] {
  const captured = chargeOf(state, command.orderId);
  if (captured?.status !== ChargeStatus.Captured) return [];
  return [{ type: 'PaymentRefunded', data: { orderId: command.orderId, amount: captured.amount } }];
}

/**
 * A customer's account (aggregate type `account`, aggregate id = customer id). Its charges are
 * entities, one item per order beside the head: the head holds the balance only.
 *
 * @example
 * await handle({ aggregateId: customerId, command: { type: 'Deposit', amount: 5000 }, metadata });
 */
export const paymentDecider: Decider<PaymentCommand, PaymentEvent, PaymentState> = {
  initialState: initialPaymentState,
  decide: decidePayment,
  evolve: evolvePayment,
  entities: { field: 'charges', keysOf: keyFromField('orderId') },
};
