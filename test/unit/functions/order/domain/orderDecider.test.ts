import { deciderSpecification } from '../../../../../lib/domain/deciderSpecification';
import { orderDecider } from '../../../../../functions/order/domain/orderDecider';
import type { OrderItem } from '../../../../../functions/order/domain/orderEvents';
import {
  cancelled,
  commands,
  customerId,
  declined,
  histories,
  items,
  lineReserved,
  orderId,
  paid,
  placed,
  requested,
  reserved,
} from './orderFixtures';

const spec = deciderSpecification(orderDecider);
const place = (lines: OrderItem[]) => ({ type: 'PlaceOrder' as const, orderId, customerId, items: lines });
const line = (sku: string, quantity = 1, unitPrice = 100): OrderItem => ({ sku, quantity, unitPrice });

describe('placing an order', () => {
  it('takes the time it was placed from the command metadata, not the clock', () => {
    const metadata = { now: '2026-03-04T05:06:07.000Z', commandId: 'c', correlationId: 'r' };
    deciderSpecification(orderDecider, metadata)
      .given([])
      .when(commands.PlaceOrder)
      .then([{ type: 'OrderPlaced', data: { customerId, items, total: 2500, placedAt: metadata.now } }]);
  });

  it('accepts fifty lines and refuses fifty-one', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => line(`SKU-${i}`));
    spec
      .given([])
      .when(place(lines(50)))
      .then([
        {
          type: 'OrderPlaced',
          data: { customerId, items: lines(50), total: 5000, placedAt: '2026-01-01T00:00:00.000Z' },
        },
      ]);
    spec
      .given([])
      .when(place(lines(51)))
      .thenThrows('business_rule');
  });

  it('refuses a sku on two lines, naming it (merging would change what the customer sent)', () => {
    spec
      .given([])
      .when(place([line('SKU-A'), line('SKU-B'), line('SKU-A', 3)]))
      .thenThrows(/SKU-A/);
    spec
      .given([])
      .when(place([line('SKU-A'), line('SKU-A')]))
      .thenThrows('business_rule');
  });

  it('refuses a total beyond the safe integers', () => {
    const huge = [line('SKU-A', 1_000_000, 2 ** 40), line('SKU-B', 1_000_000, 2 ** 40)];
    spec
      .given([])
      .when(place(huge))
      .thenThrows(/total is too large/);
  });

  it.each([
    ['no lines', []],
    ['a zero quantity', [line('SKU-A', 0)]],
    ['a fractional quantity', [line('SKU-A', 1.5)]],
    ['a negative price', [line('SKU-A', 1, -100)]],
    ['a fractional price (money is in cents)', [line('SKU-A', 1, 9.99)]],
    ['a sku with a space', [line('SKU A')]],
    ['an empty sku', [line('')]],
  ])('refuses %s as a business rule', (_name, lines) => {
    spec.given([]).when(place(lines)).thenThrows('business_rule');
  });

  it('refuses a customer id that could not be an account id', () => {
    spec
      .given([])
      .when({ ...commands.PlaceOrder, customerId: 'a b' })
      .thenThrows('business_rule');
  });

  it('refuses fields the command does not have', () => {
    const command = { ...commands.PlaceOrder, discount: 10 } as typeof commands.PlaceOrder;
    spec
      .given([])
      .when(command)
      .thenThrows(/discount/);
  });
});

describe('recording reservations', () => {
  const reserve = (sku: string, quantity: number) =>
    ({ type: 'RecordStockReserved', orderId, sku, quantity }) as const;

  it('moves the order to PAYMENT with the last line, whatever order the lines come in', () => {
    spec
      .given([placed, lineReserved('SKU-B', 1)])
      .when(reserve('SKU-A', 2))
      .then([lineReserved('SKU-A', 2), reserved]);
  });

  it('ignores a repeated confirmation of a line', () => {
    spec
      .given([placed, lineReserved('SKU-A', 2)])
      .when(reserve('SKU-A', 2))
      .then([]);
  });

  it('refuses a confirmation for a sku the order does not have, or for another quantity', () => {
    spec.given([placed]).when(reserve('SKU-Z', 1)).thenThrows('business_rule');
    spec.given([placed]).when(reserve('SKU-A', 3)).thenThrows('business_rule');
  });

  it('cancels the whole order when one line is rejected, even after another was reserved', () => {
    spec
      .given([placed, lineReserved('SKU-A', 2)])
      .when(commands.RecordReservationRejected)
      .then([cancelled('out of stock: SKU-B')]);
  });

  it('says so when the sku is unknown to Inventory', () => {
    spec
      .given([placed])
      .when({ ...commands.RecordReservationRejected, reason: 'unknown sku' })
      .then([cancelled('unknown sku: SKU-B')]);
  });

  it('refuses a rejection for a sku the order does not have', () => {
    spec
      .given([placed])
      .when({ ...commands.RecordReservationRejected, sku: 'SKU-Z' })
      .thenThrows('business_rule');
  });
});

describe('paying', () => {
  it('refuses an amount other than the total, naming the total', () => {
    spec
      .given(histories.PAYMENT)
      .when({ ...commands.SubmitPayment, amount: 2499 })
      .thenThrows(/order total \(2500\)/);
  });

  it('refuses a second payment while one is pending (409: retry once the result is in)', () => {
    spec
      .given(histories['PAYMENT (pending)'])
      .when(commands.SubmitPayment)
      .thenThrows(/payment pending/);
  });

  it('lets the customer pay again after a decline, as the next attempt', () => {
    spec
      .given([...histories['PAYMENT (pending)'], declined(1)])
      .when(commands.SubmitPayment)
      .then([requested(2)]);
  });

  it('ignores results of a stale attempt and of an attempt already answered', () => {
    const secondPending = [...histories['PAYMENT (pending)'], declined(1), requested(2)];
    spec.given(secondPending).when(commands.RecordPaymentCaptured).then([]);
    spec.given(secondPending).when(commands.RecordPaymentDeclined).then([]);
    spec
      .given([...histories['PAYMENT (pending)'], declined(1)])
      .when(commands.RecordPaymentDeclined)
      .then([]);
  });

  it('records a capture of the current attempt as paid', () => {
    const secondPending = [...histories['PAYMENT (pending)'], declined(1), requested(2)];
    spec
      .given(secondPending)
      .when({ ...commands.RecordPaymentCaptured, attempt: 2 })
      .then([paid(2)]);
  });

  it('refuses a capture of another amount than the total', () => {
    spec
      .given(histories['PAYMENT (pending)'])
      .when({ ...commands.RecordPaymentCaptured, amount: 1 })
      .thenThrows('business_rule');
  });

  it('ignores a capture that arrives after the order was cancelled (Payment refunds it)', () => {
    spec
      .given([...histories['PAYMENT (pending)'], cancelled('cancelled by customer', true)])
      .when(commands.RecordPaymentCaptured)
      .then([]);
    spec
      .given([...histories.FULFILLMENT])
      .when({ ...commands.RecordPaymentCaptured, attempt: 1 })
      .then([]);
  });
});

describe('cancelling', () => {
  it('records the reason the customer gives, trimmed', () => {
    spec
      .given([placed])
      .when({ ...commands.CancelOrder, reason: '  changed my mind ' })
      .then([cancelled('changed my mind')]);
  });

  it('refuses a blank or overlong reason', () => {
    spec
      .given([placed])
      .when({ ...commands.CancelOrder, reason: '   ' })
      .thenThrows('business_rule');
    spec
      .given([placed])
      .when({ ...commands.CancelOrder, reason: 'x'.repeat(201) })
      .thenThrows('business_rule');
  });

  it('says no payment is pending after a declined one', () => {
    spec
      .given([...histories['PAYMENT (pending)'], declined(1)])
      .when(commands.CancelOrder)
      .then([cancelled('cancelled by customer', false)]);
  });

  it('names the order that does not exist', () => {
    spec
      .given([])
      .when({ ...commands.CancelOrder, orderId: 'order-404' })
      .thenThrows(/order order-404/);
  });

  it('refuses once the payment was captured, even before fulfilment', () => {
    spec
      .given([...histories.PAYMENT, requested(1), paid(1)])
      .when(commands.CancelOrder)
      .thenThrows(/FULFILLMENT/);
  });
});
