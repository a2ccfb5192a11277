import type { MSKRecord } from 'aws-lambda';
import fc from 'fast-check';
import {
  orderCatalog,
  type OrderEvent,
  type OrderItem,
} from '../../../../functions/order/domain/orderEvents';
import { FakeTopic } from '../../../support/mskEvents';
import { envelopesOf } from '../envelopes';
import { inventoryService, paymentService } from './reactingServices';

// Inventory and Payment remember only two command ids per aggregate here, so almost every
// redelivery below is past that window: an old batch again (a crash before its checkpoints), or
// the topic from offset 0 into empty checkpoints (a new consumer group, lost checkpoints). Only
// the per-order entities can recognise those. However the order topic is delivered, grouped and
// replayed, no order is reserved twice on a sku, released or shipped without a reservation,
// charged twice or refunded without a capture, and stock and money add up.
const SKUS = ['SKU-A', 'SKU-B'];
const REMEMBERED = 2;

const shapes = ['placed', 'cancelled', 'paid', 'retriedThenCancelled', 'paidThenCancelled'] as const;
type Shape = (typeof shapes)[number];

const orderArbitrary = fc.record({
  shape: fc.constantFrom(...shapes),
  lines: fc.uniqueArray(
    fc.record({
      sku: fc.constantFrom(...SKUS),
      quantity: fc.integer({ min: 1, max: 3 }),
      unitPrice: fc.integer({ min: 100, max: 500 }),
    }),
    { minLength: 1, maxLength: 2, selector: (line) => line.sku },
  ),
});

const deliveryArbitrary = fc.oneof(
  fc.record({ kind: fc.constant('next' as const), size: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('again' as const), from: fc.nat(), size: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('replay' as const), upTo: fc.nat() }),
);

function historyOf(orderId: string, customerId: string, shape: Shape, items: OrderItem[]): OrderEvent[] {
  const total = items.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const placed: OrderEvent = {
    type: 'OrderPlaced',
    data: { customerId, items, total, placedAt: '2026-01-01T00:00:00.000Z' },
  };
  const pay = (attempt: number): OrderEvent => ({
    type: 'PaymentRequested',
    data: { amount: total, customerId, attempt },
  });
  const cancel = (paymentPending: boolean): OrderEvent => ({
    type: 'OrderCancelled',
    data: { reason: 'changed my mind', customerId, items, paymentPending },
  });
  const fulfil: OrderEvent = { type: 'OrderFulfilled', data: { items } };
  const histories: Record<Shape, OrderEvent[]> = {
    placed: [placed],
    cancelled: [placed, cancel(false)],
    paid: [placed, pay(1), fulfil],
    retriedThenCancelled: [placed, pay(1), pay(2), cancel(true)],
    paidThenCancelled: [placed, pay(1), cancel(true)],
  };
  return histories[shape];
}

/** The orders' events on a three-partition topic, interleaved as `picks` says (in order per order). */
function orderTopic(orders: { shape: Shape; lines: OrderItem[] }[], picks: readonly number[]): MSKRecord[] {
  const queues = orders.map(({ shape, lines }, n) =>
    envelopesOf('order', `o-${n}`, historyOf(`o-${n}`, `c-${n % 3}`, shape, lines)),
  );
  const topic = new FakeTopic('orders', 3);
  for (const pick of picks) {
    const queue = queues[pick % queues.length]!;
    if (queue.length > 0) topic.append(orderCatalog, queue.shift()!);
  }
  for (const queue of queues) topic.append(orderCatalog, ...queue);
  return topic.records;
}

async function run(
  orders: { shape: Shape; lines: OrderItem[] }[],
  picks: readonly number[],
  deliveries: readonly Delivery[],
  groupSizes: readonly number[],
) {
  const records = orderTopic(orders, picks);
  const inventory = inventoryService(REMEMBERED);
  const payment = paymentService(REMEMBERED);
  const meta = (n: number) => ({
    now: '2026-01-01T00:00:00.000Z',
    commandId: `api-${n}`,
    correlationId: 'api',
  });
  for (const [n, sku] of SKUS.entries()) {
    await inventory.handle({
      aggregateId: sku,
      command: { type: 'Restock', quantity: 4 },
      metadata: meta(n),
    });
  }
  await payment.handle({ aggregateId: 'c-0', command: { type: 'Deposit', amount: 2000 }, metadata: meta(9) });
  let delivered = 0;
  let choice = 0;
  const deliver = async (slice: MSKRecord[], freshCheckpoints = false) => {
    const groupSize = groupSizes[choice++ % groupSizes.length] ?? 16;
    for (const service of [inventory, payment]) await service.deliver(slice, { groupSize, freshCheckpoints });
  };
  for (const delivery of deliveries) {
    if (delivery.kind === 'next') {
      await deliver(records.slice(delivered, delivered + delivery.size));
      delivered = Math.min(records.length, delivered + delivery.size);
    } else if (delivery.kind === 'again' && delivered > 0) {
      const from = delivery.from % delivered;
      await deliver(records.slice(from, Math.min(delivered, from + delivery.size)));
    } else if (delivery.kind === 'replay') {
      await deliver(records.slice(0, delivery.upTo % (delivered + 1)), true);
    }
  }
  await deliver(records.slice(delivered));
  await deliver(records, true); // the whole topic once more, into a new consumer group
  return { inventory, payment, records };
}

type Delivery =
  | { kind: 'next'; size: number }
  | { kind: 'again'; from: number; size: number }
  | { kind: 'replay'; upTo: number };

function count<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('reactions delivered again long after the remembered window', () => {
  it('never reserve, release, ship, charge or refund twice, and stock and money add up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(orderArbitrary, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(deliveryArbitrary, { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 16 }), { minLength: 1, maxLength: 4 }),
        async (orders, picks, deliveries, groupSizes) => {
          const { inventory, payment } = await run(orders, picks, deliveries, groupSizes);

          const stock = inventory.events();
          const perOrder = (type: string) =>
            count(
              stock.filter((e) => e.type === type),
              (e) => `${e.aggregateId}/${String(e.data.orderId)}`,
            );
          const reserved = perOrder('StockReserved');
          for (const times of reserved.values()) expect(times).toBe(1);
          for (const type of ['StockReleased', 'StockShipped', 'ReservationRejected']) {
            for (const [line, times] of perOrder(type)) {
              expect(times).toBe(1);
              if (type !== 'ReservationRejected') expect(reserved.get(line)).toBe(1);
            }
          }
          for (const sku of SKUS) {
            const state = (await inventory.heads.read(sku))!.state;
            const sum = (type: string) =>
              stock
                .filter((e) => e.aggregateId === sku && e.type === type)
                .reduce((total, e) => total + Number(e.data.quantity), 0);
            const held = sum('StockReserved') - sum('StockReleased') - sum('StockShipped');
            expect(state.available).toBe(4 - sum('StockReserved') + sum('StockReleased'));
            expect(state.reserved).toBe(held);
            expect(state.available).toBeGreaterThanOrEqual(0);
            expect(state.reserved).toBeGreaterThanOrEqual(0);
          }

          const money = payment.events();
          const captured = count(
            money.filter((e) => e.type === 'PaymentCaptured'),
            (e) => String(e.data.orderId),
          );
          for (const times of captured.values()) expect(times).toBe(1);
          for (const [orderId, times] of count(
            money.filter((e) => e.type === 'PaymentRefunded'),
            (e) => String(e.data.orderId),
          )) {
            expect(times).toBe(1);
            expect(captured.get(orderId)).toBe(1);
          }
          for (const customer of ['c-0', 'c-1', 'c-2']) {
            const balance = (await payment.heads.read(customer))?.state.balance ?? 0;
            const sum = (type: string) =>
              money
                .filter((e) => e.aggregateId === customer && e.type === type)
                .reduce((total, e) => total + Number(e.data.amount), 0);
            expect(balance).toBe(sum('Deposited') - sum('PaymentCaptured') + sum('PaymentRefunded'));
            expect(balance).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
