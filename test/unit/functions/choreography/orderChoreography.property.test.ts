import fc from 'fast-check';
import { reservationOf } from '../../../../functions/inventory/domain/inventoryState';
import type { OrderCommand } from '../../../../functions/order/domain/orderCommands';
import type { OrderItem } from '../../../../functions/order/domain/orderEvents';
import { chargeOf } from '../../../../functions/payment/domain/paymentState';
import { isAppError } from '../../../../lib/errors/appError';
import { World } from './world';

// Four orders competing for little stock and little money, while customers pay, cancel and fulfil
// at random moments, reactions are delivered in any order the framework allows, and handled events
// are delivered again at random (a crash between a command and its checkpoint). Once everything
// has settled, stock and money must agree with the orders' final statuses.
const orders: { orderId: string; customerId: string; items: OrderItem[] }[] = [
  {
    orderId: 'o-1',
    customerId: 'c-1',
    items: [
      { sku: 'SKU-A', quantity: 2, unitPrice: 500 },
      { sku: 'SKU-B', quantity: 1, unitPrice: 1000 },
    ],
  },
  { orderId: 'o-2', customerId: 'c-2', items: [{ sku: 'SKU-A', quantity: 1, unitPrice: 700 }] },
  {
    orderId: 'o-3',
    customerId: 'c-1',
    items: [
      { sku: 'SKU-B', quantity: 2, unitPrice: 300 },
      { sku: 'SKU-C', quantity: 1, unitPrice: 100 },
    ],
  },
  { orderId: 'o-4', customerId: 'c-2', items: [{ sku: 'SKU-A', quantity: 2, unitPrice: 100 }] },
];
const restocked: Record<string, number> = { 'SKU-A': 3, 'SKU-B': 2 };
const totalOf = (items: OrderItem[]) => items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0);

const step = fc.record({ action: fc.integer({ min: 0, max: 6 }), target: fc.nat() });

type Step = { action: number; target: number };

function run(steps: readonly Step[], finalChoices: readonly number[]) {
  const world = new World();
  const deposits: Record<string, number> = { 'c-1': 3000, 'c-2': 0 };
  for (const [sku, quantity] of Object.entries(restocked)) world.restock(sku, quantity);
  world.deposit('c-1', 3000);
  for (const order of orders) world.order({ type: 'PlaceOrder', ...order });
  for (const step of steps) act(world, deposits, step);
  world.drain((n) => finalChoices[n % (finalChoices.length || 1)] ?? 0);
  return { world, deposits };
}

// Deliveries (one, or many in a chosen order), a redelivery, or something a customer does.
function act(world: World, deposits: Record<string, number>, { action, target }: Step): void {
  const order = orders[target % orders.length]!;
  const { orderId } = order;
  const customer = (command: OrderCommand) => tolerateRejection(() => world.order(command));
  if (action === 0) world.deliverOne(target);
  if (action === 1) redeliver(world, target);
  if (action === 2) customer({ type: 'SubmitPayment', orderId, amount: totalOf(order.items) });
  if (action === 3) customer({ type: 'CancelOrder', orderId });
  if (action === 4) customer({ type: 'FulfilOrder', orderId });
  if (action === 5) {
    world.deposit(order.customerId, 500);
    deposits[order.customerId]! += 500;
  }
  if (action === 6) world.drain((n) => target + n * 7);
}

function redeliver(world: World, target: number): void {
  const subscription = world.subscriptions[target % world.subscriptions.length]!;
  if (subscription.handledCount() > 0) subscription.redeliver(Math.floor(target / 4));
}

// Customers try things the order may refuse (paying twice, cancelling a paid order): that is fine.
function tolerateRejection(command: () => void): void {
  try {
    command();
  } catch (error) {
    if (!isAppError(error)) throw error;
  }
}

function checkStock(world: World): void {
  for (const sku of ['SKU-A', 'SKU-B', 'SKU-C']) {
    const stock = world.stock(sku);
    let shipped = 0;
    for (const { orderId, items } of orders) {
      const line = items.find((item) => item.sku === sku);
      if (!line) continue;
      const status = world.orderState(orderId).status;
      const reservation = reservationOf(stock, orderId);
      const holds = ['PAYMENT', 'FULFILLMENT'].includes(status);
      expect({ orderId, sku, reserved: reservation?.status === 'reserved' }).toEqual({
        orderId,
        sku,
        reserved: holds,
      });
      if (status === 'COMPLETED') expect(reservation?.status).toBe('shipped');
      if (reservation?.status === 'shipped') shipped += reservation.quantity;
    }
    expect(stock.available).toBeGreaterThanOrEqual(0);
    expect(stock.available + stock.reserved + shipped).toBe(restocked[sku] ?? 0);
  }
}

function checkMoney(world: World, deposits: Record<string, number>): void {
  for (const customerId of ['c-1', 'c-2']) {
    let spent = 0;
    for (const { orderId, items } of orders.filter((o) => o.customerId === customerId)) {
      const status = world.orderState(orderId).status;
      const charge = chargeOf(world.account(customerId), orderId);
      const paid = ['FULFILLMENT', 'COMPLETED'].includes(status);
      expect({ orderId, captured: charge?.status === 'captured' }).toEqual({ orderId, captured: paid });
      if (paid) spent += totalOf(items);
    }
    expect(world.account(customerId).balance).toBe(deposits[customerId]! - spent);
  }
}

describe('the order choreography under any delivery order and redelivery', () => {
  it('settles with no order half-reserved, no stock or money lost, and no reaction refused', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 20, maxLength: 60 }),
        fc.array(fc.nat()),
        (steps, finalChoices) => {
          const { world, deposits } = run(steps, finalChoices);
          for (const { orderId } of orders) expect(world.orderState(orderId).status).not.toBe('PURCHASING');
          checkStock(world);
          checkMoney(world, deposits);
          expect(world.rejected()).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
