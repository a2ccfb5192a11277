import type { Projection } from '../../../lib/projections/projection';
import { paymentCatalog, type PaymentEvent } from '../domain/paymentEvents';

/** A customer's account as the API serves it (money in integer minor units). */
export interface AccountView {
  customerId: string;
  balance: number;
}

/**
 * The account read model (one document per customer), fed by the account topic. An account's
 * first event may be a declined charge (nothing was ever deposited): its document shows 0.
 */
export const accountView: Projection<AccountView, PaymentEvent> = {
  name: 'account-view',
  catalog: paymentCatalog,
  evolve: (doc, { aggregateId, event }) => {
    const view = doc ?? { customerId: aggregateId, balance: 0 };
    switch (event.type) {
      case 'Deposited':
      case 'PaymentRefunded':
        return { ...view, balance: view.balance + event.data.amount };
      case 'PaymentCaptured':
        return { ...view, balance: view.balance - event.data.amount };
      case 'PaymentDeclined':
        return view;
      default: {
        const unknown: never = event;
        throw new Error(`unknown payment event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
