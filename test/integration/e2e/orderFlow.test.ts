import { startLocalSystem, type LocalSystem } from '../support/localSystem';
import { uniqueName } from '../support/names';

// The order flow over real HTTP: API Gateway emulator → command handlers → Kafka → reactors and
// projections (MSK emulator) → DynamoDB → query handlers.
describe('the order flow, end to end', () => {
  let system: LocalSystem;
  beforeAll(async () => {
    system = await startLocalSystem();
  });
  afterAll(() => system.stop());

  const line = (sku: string, quantity: number, unitPrice: number) => ({ sku, quantity, unitPrice });

  async function given(stock: Record<string, number>, deposits: Record<string, number>) {
    for (const [sku, quantity] of Object.entries(stock)) {
      expect((await system.post(`/inventory/${sku}/restocks`, { quantity })).status).toBe(200);
    }
    for (const [customer, amount] of Object.entries(deposits)) {
      expect((await system.post(`/accounts/${customer}/deposits`, { amount })).status).toBe(200);
    }
  }

  async function order(orderId: string) {
    await system.settle();
    return (await system.get(`/orders/${orderId}`)).body;
  }

  it('buys, pays and fulfils: PURCHASING → PAYMENT → FULFILLMENT → COMPLETED; stock ships, money moves', async () => {
    const [sku, customer] = [uniqueName('sku'), uniqueName('cust')];
    await given({ [sku]: 10 }, { [customer]: 10_000 });

    const placed = await system.post('/orders', { customerId: customer, items: [line(sku, 3, 1250)] });
    expect(placed).toMatchObject({ status: 201, body: { status: 'PURCHASING', version: 1 } });
    const orderId = placed.body.orderId as string;
    expect(placed.headers.get('location')).toBe(`/orders/${orderId}`);
    expect(placed.headers.get('etag')).toBe('"1"');
    expect(await order(orderId)).toMatchObject({ status: 'PAYMENT', total: 3750 });

    expect((await system.post(`/orders/${orderId}/payments`, { amount: 3750 })).status).toBe(202);
    expect(await order(orderId)).toMatchObject({ status: 'FULFILLMENT' });
    expect((await system.post(`/orders/${orderId}/fulfilment`)).status).toBe(200);
    expect(await order(orderId)).toMatchObject({ status: 'COMPLETED' });

    await system.settle();
    expect((await system.get(`/inventory/${sku}`)).body).toMatchObject({ available: 7, reserved: 0 });
    expect((await system.get(`/accounts/${customer}`)).body).toMatchObject({ balance: 6250 });
    const listed = await system.get(`/orders?customerId=${customer}&status=COMPLETED`);
    expect(listed.body.items).toEqual([expect.objectContaining({ orderId, status: 'COMPLETED' })]);
  });

  it('cancels an order that cannot be fully reserved and releases the lines already reserved', async () => {
    const [plenty, scarce, customer] = [uniqueName('sku'), uniqueName('sku'), uniqueName('cust')];
    await given({ [plenty]: 5, [scarce]: 1 }, {});
    const placed = await system.post('/orders', {
      customerId: customer,
      items: [line(plenty, 2, 100), line(scarce, 2, 100)],
    });
    const cancelled = await order(placed.body.orderId as string);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', reason: `out of stock: ${scarce}` });
    expect((await system.get(`/inventory/${plenty}`)).body).toMatchObject({ available: 5, reserved: 0 });
    expect((await system.get(`/inventory/${scarce}`)).body).toMatchObject({ available: 1, reserved: 0 });
  });

  it('declines a payment the balance cannot cover, then captures it after a deposit', async () => {
    const [sku, customer] = [uniqueName('sku'), uniqueName('cust')];
    await given({ [sku]: 5 }, { [customer]: 100 });
    const orderId = (await system.post('/orders', { customerId: customer, items: [line(sku, 1, 500)] })).body
      .orderId as string;
    await order(orderId);

    expect((await system.post(`/orders/${orderId}/payments`, { amount: 500 })).status).toBe(202);
    expect(await order(orderId)).toMatchObject({ status: 'PAYMENT', paymentError: 'insufficient funds' });
    await given({}, { [customer]: 400 });
    expect((await system.post(`/orders/${orderId}/payments`, { amount: 500 })).status).toBe(202);
    const paid = await order(orderId);
    expect(paid).toMatchObject({ status: 'FULFILLMENT' });
    expect(paid.paymentError).toBeUndefined();
    expect((await system.get(`/accounts/${customer}`)).body).toMatchObject({ balance: 0 });
  });

  it('cancels on request before payment and gives the stock back', async () => {
    const [sku, customer] = [uniqueName('sku'), uniqueName('cust')];
    await given({ [sku]: 4 }, {});
    const orderId = (await system.post('/orders', { customerId: customer, items: [line(sku, 4, 10)] })).body
      .orderId as string;
    await order(orderId);
    expect((await system.get(`/inventory/${sku}`)).body).toMatchObject({ available: 0, reserved: 4 });

    const cancelled = await system.post(`/orders/${orderId}/cancellation`, { reason: 'changed my mind' });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'CANCELLED' } });
    expect(await order(orderId)).toMatchObject({ status: 'CANCELLED', reason: 'changed my mind' });
    expect((await system.get(`/inventory/${sku}`)).body).toMatchObject({ available: 4, reserved: 0 });
    expect((await system.post(`/orders/${orderId}/payments`, { amount: 40 })).status).toBe(409);
  });

  it('answers a repeated Idempotency-Key with the same response and no new order or event', async () => {
    const [sku, customer] = [uniqueName('sku'), uniqueName('cust')];
    await given({ [sku]: 4 }, {});
    const body = { customerId: customer, items: [line(sku, 1, 10)] };
    const key = { 'idempotency-key': uniqueName('key') };
    const first = await system.post('/orders', body, key);
    const again = await system.post('/orders', body, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await system.post('/orders', { ...body, items: [line(sku, 2, 10)] }, key)).status).toBe(422);

    await system.settle();
    const orders = await system.get(`/orders?customerId=${customer}`);
    expect(orders.body.items).toHaveLength(1);
    expect((await system.get(`/inventory/${sku}`)).body).toMatchObject({ reserved: 1, version: 2 });
  });

  it('lets exactly one of racing If-Match commands win; the others get 412', async () => {
    const sku = uniqueName('sku');
    const restocked = await system.post(`/inventory/${sku}/restocks`, { quantity: 1 });
    const etag = restocked.headers.get('etag')!;
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        system.post(`/inventory/${sku}/restocks`, { quantity: 1 }, { 'if-match': etag }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
    expect(replies.find((r) => r.status === 412)?.headers.get('content-type')).toBe(
      'application/problem+json',
    );
    await system.settle();
    expect((await system.get(`/inventory/${sku}`)).body).toMatchObject({ available: 2, version: 2 });
  });
});
