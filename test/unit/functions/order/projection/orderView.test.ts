import type { OrderEvent } from '../../../../../functions/order/domain/orderEvents';
import {
  ORDERS_BY_CUSTOMER,
  ORDER_VIEW_INDEXES,
  orderResponse,
  orderView,
  statusPrefix,
} from '../../../../../functions/order/projection/orderView';
import { envelopesOf } from '../../envelopes';
import { foldView, projectionHarness } from '../../projectionHarness';
import {
  cancelled,
  customerId,
  declined,
  histories,
  items,
  lineReserved,
  orderId,
  placed,
  requested,
} from '../domain/orderFixtures';

const view = (events: readonly OrderEvent[], id = orderId) =>
  foldView(orderView, envelopesOf('order', id, events));

describe('the order view', () => {
  it('shows a placed order with its keys for the by-customer index', () => {
    expect(view([placed])).toEqual({
      orderId,
      customerId,
      status: 'PURCHASING',
      items,
      total: 2500,
      paymentPending: false,
      placedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:01.000Z',
      customerStatus: `${customerId}#PURCHASING`,
      statusPlacedAt: `PURCHASING#2026-01-01T00:00:00.000Z#${orderId}`,
    });
  });

  it('follows the status, keeping the index keys in step', () => {
    const statusOf = (events: readonly OrderEvent[]) => {
      const doc = view(events)!;
      return [doc.status, doc.customerStatus, doc.statusPlacedAt.split('#')[0]];
    };
    expect(statusOf(histories.PAYMENT)).toEqual(['PAYMENT', `${customerId}#PAYMENT`, 'PAYMENT']);
    expect(statusOf(histories.FULFILLMENT)).toEqual([
      'FULFILLMENT',
      `${customerId}#FULFILLMENT`,
      'FULFILLMENT',
    ]);
    expect(statusOf(histories.COMPLETED)).toEqual(['COMPLETED', `${customerId}#COMPLETED`, 'COMPLETED']);
    expect(statusOf(histories.CANCELLED)).toEqual(['CANCELLED', `${customerId}#CANCELLED`, 'CANCELLED']);
  });

  it('shows a pending payment, then the decline reason until the next attempt', () => {
    expect(view(histories['PAYMENT (pending)'])).toMatchObject({ paymentPending: true });
    const afterDecline = view([...histories['PAYMENT (pending)'], declined(1)])!;
    expect(afterDecline).toMatchObject({ paymentPending: false, paymentError: 'insufficient funds' });
    const retried = view([...histories['PAYMENT (pending)'], declined(1), requested(2)])!;
    expect(retried.paymentPending).toBe(true);
    expect(retried).not.toHaveProperty('paymentError');
  });

  it('shows why an order was cancelled, and that nothing is pending any more', () => {
    const doc = view([...histories['PAYMENT (pending)'], cancelled('changed my mind', true)]);
    expect(doc).toMatchObject({ status: 'CANCELLED', reason: 'changed my mind', paymentPending: false });
  });

  it('refuses an event before OrderPlaced', () => {
    expect(() => view([lineReserved('SKU-A', 2)])).toThrow(/before OrderPlaced/);
  });

  it('answers GET /orders/{orderId} without index keys or bookkeeping', () => {
    const doc = view([placed, cancelled('out of stock: SKU-B')])!;
    expect(orderResponse({ version: 2, doc })).toEqual({
      orderId,
      customerId,
      status: 'CANCELLED',
      items,
      total: 2500,
      version: 2,
      reason: 'out of stock: SKU-B',
    });
  });

  it('gives the same documents when the same events are applied twice', async () => {
    const harness = projectionHarness(orderView, ORDER_VIEW_INDEXES);
    harness.publish(...envelopesOf('order', orderId, [...histories.COMPLETED]));
    harness.publish(...envelopesOf('order', 'order-2', [placed]));
    await harness.deliver();
    const first = [await harness.store.get(orderId), await harness.store.get('order-2')];

    expect(await harness.deliver()).toMatchObject({ applied: 0, writes: 0 });
    expect([await harness.store.get(orderId), await harness.store.get('order-2')]).toEqual(first);
    expect(first[0]).toMatchObject({ version: histories.COMPLETED.length, doc: view(histories.COMPLETED) });
  });

  it("lists a customer's orders of one status through the by-customer index", async () => {
    const harness = projectionHarness(orderView, ORDER_VIEW_INDEXES);
    harness.publish(...envelopesOf('order', 'order-1', histories.PAYMENT));
    harness.publish(...envelopesOf('order', 'order-2', histories.CANCELLED));
    harness.publish(...envelopesOf('order', 'order-3', histories.PAYMENT));
    await harness.deliver();

    const page = await harness.store.query({
      index: ORDERS_BY_CUSTOMER.name,
      partitionKey: { name: ORDERS_BY_CUSTOMER.partitionKey, value: customerId },
      sortKey: { name: ORDERS_BY_CUSTOMER.sortKey, beginsWith: statusPrefix('PAYMENT') },
      limit: 10,
    });
    expect(page.items.map((item) => item.id)).toEqual(['order-1', 'order-3']);
  });
});
