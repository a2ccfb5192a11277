import { World } from './world';

// The order flow end to end, pure: API commands, then reactions delivered one source event at a
// time in the orders the framework allows (in order per source aggregate, any order across them).
const orderId = 'order-1';
const customerId = 'customer-1';
const twoLines = [
  { sku: 'SKU-A', quantity: 2, unitPrice: 500 },
  { sku: 'SKU-B', quantity: 3, unitPrice: 1000 },
];

function twoLineOrder(stockOfB: number) {
  const world = new World();
  world.restock('SKU-A', 5);
  if (stockOfB > 0) world.restock('SKU-B', stockOfB);
  world.order({ type: 'PlaceOrder', orderId, customerId, items: twoLines });
  // Inventory reserves both lines: SKU-A is reserved, SKU-B is rejected when stock is short.
  world.deliver('inventory-on-order', orderId);
  return world;
}

describe('the order choreography', () => {
  it('leaves nothing reserved when line 2 is rejected before line 1’s reservation reaches the order', () => {
    const world = twoLineOrder(1);
    expect(world.stock('SKU-A')).toMatchObject({ available: 3, reserved: 2 });

    world.catchUp('order-on-inventory', 'SKU-B'); // rejection first: the order is cancelled
    expect(world.orderState(orderId)).toMatchObject({ status: 'CANCELLED' });
    world.catchUp('order-on-inventory', 'SKU-A'); // the late reservation: ignored by the order
    world.deliver('inventory-on-order', orderId); // OrderCancelled: release every line
    world.drain();

    expect(world.stock('SKU-A')).toMatchObject({ available: 5, reserved: 0 });
    expect(world.stock('SKU-B')).toMatchObject({ available: 1, reserved: 0 });
    expect(world.orders.eventsOf(orderId).map((e) => e.type)).toEqual(['OrderPlaced', 'OrderCancelled']);
    expect(world.inventory.eventsOf('SKU-A').map((e) => e.type)).toEqual([
      'Restocked',
      'StockReserved',
      'StockReleased',
    ]);
    expect(world.rejected()).toEqual([]);
  });

  it('leaves nothing reserved when line 1’s reservation reaches the order first', () => {
    const world = twoLineOrder(1);
    world.catchUp('order-on-inventory', 'SKU-A');
    world.catchUp('order-on-inventory', 'SKU-B');
    world.drain();

    expect(world.orderState(orderId)).toMatchObject({ status: 'CANCELLED' });
    expect(world.orders.eventsOf(orderId).at(-1)).toMatchObject({ data: { reason: 'out of stock: SKU-B' } });
    expect(world.stock('SKU-A')).toMatchObject({ available: 5, reserved: 0 });
  });

  it('reserves, charges, ships: stock and money end where they should', () => {
    const world = twoLineOrder(3);
    world.deposit(customerId, 5000);
    world.drain();
    expect(world.orderState(orderId)).toMatchObject({ status: 'PAYMENT' });

    world.order({ type: 'SubmitPayment', orderId, amount: 4000 });
    world.drain();
    expect(world.orderState(orderId)).toMatchObject({ status: 'FULFILLMENT' });
    world.order({ type: 'FulfilOrder', orderId });
    world.drain();

    expect(world.orderState(orderId)).toMatchObject({ status: 'COMPLETED' });
    expect(world.stock('SKU-A')).toMatchObject({ available: 3, reserved: 0 });
    expect(world.stock('SKU-B')).toMatchObject({ available: 0, reserved: 0 });
    expect(world.account(customerId).balance).toBe(1000);
  });

  it('lets a declined customer deposit and pay again', () => {
    const world = twoLineOrder(3);
    world.drain();
    world.order({ type: 'SubmitPayment', orderId, amount: 4000 });
    world.drain();
    expect(world.orderState(orderId)).toMatchObject({
      status: 'PAYMENT',
      paymentPending: false,
      paymentError: 'insufficient funds',
    });

    world.deposit(customerId, 4000);
    world.order({ type: 'SubmitPayment', orderId, amount: 4000 });
    world.drain();
    expect(world.orderState(orderId)).toMatchObject({ status: 'FULFILLMENT', attempts: 2 });
    expect(world.account(customerId).balance).toBe(0);
  });

  it('refunds a payment captured after the order was cancelled, and releases its stock', () => {
    const world = twoLineOrder(3);
    world.deposit(customerId, 4000);
    world.drain();
    world.order({ type: 'SubmitPayment', orderId, amount: 4000 });
    world.order({ type: 'CancelOrder', orderId }); // before Payment saw the request
    world.drain();

    expect(world.orderState(orderId)).toMatchObject({ status: 'CANCELLED' });
    expect(world.accounts.eventsOf(customerId).map((e) => e.type)).toEqual([
      'Deposited',
      'PaymentCaptured',
      'PaymentRefunded',
    ]);
    expect(world.account(customerId).balance).toBe(4000);
    expect(world.stock('SKU-A')).toMatchObject({ available: 5, reserved: 0 });
    expect(world.stock('SKU-B')).toMatchObject({ available: 3, reserved: 0 });
  });

  it('cancels an order for a sku Inventory never heard of', () => {
    const world = new World();
    world.order({
      type: 'PlaceOrder',
      orderId,
      customerId,
      items: [{ sku: 'SKU-X', quantity: 1, unitPrice: 1 }],
    });
    world.drain();

    expect(world.orders.eventsOf(orderId).at(-1)).toMatchObject({
      type: 'OrderCancelled',
      data: { reason: 'unknown sku: SKU-X' },
    });
    expect(world.stock('SKU-X')).toMatchObject({ exists: false, available: 0, reserved: 0 });
  });
});
