import { consumeFromStart, testKafka } from '../support/kafka';
import { startLocalSystem, type LocalSystem } from '../support/localSystem';
import { uniqueName } from '../support/names';

// The log as a readable source of truth, over HTTP: each aggregate's events back from Kafka as
// CloudEvents, and every read model as it was at a version or an instant, folded from the log.
describe('history and past states, end to end', () => {
  let system: LocalSystem;
  const sku = uniqueName('sku');
  const customerId = uniqueName('cust');
  let orderId: string;
  beforeAll(async () => {
    system = await startLocalSystem();
    await system.post(`/inventory/${sku}/restocks`, { quantity: 5 });
    await system.post(`/accounts/${customerId}/deposits`, { amount: 1000 });
    const placed = await system.post('/orders', {
      customerId,
      items: [{ sku, quantity: 2, unitPrice: 100 }],
    });
    orderId = placed.body.orderId as string;
    await system.settle();
    expect((await system.post(`/orders/${orderId}/payments`, { amount: 200 })).status).toBe(202);
    await system.settle();
  }, 60_000);
  afterAll(() => system.stop());

  type CloudEvent = Record<string, unknown> & { aggregateversion: number; type: string };
  const events = async (path: string) => (await system.get(path)).body.events as CloudEvent[];

  it('gives an order’s events in version order as CloudEvents 1.0 JSON', async () => {
    const reply = await system.get(`/orders/${orderId}/events`);
    expect(reply.status).toBe(200);
    const list = reply.body.events as CloudEvent[];
    expect(list.map((e) => e.aggregateversion)).toEqual([1, 2, 3, 4, 5]);
    expect(list.map((e) => e.type)).toEqual([
      'order.OrderPlaced.v1',
      'order.OrderLineReserved.v1',
      'order.OrderReserved.v1',
      'order.PaymentRequested.v1',
      'order.OrderPaid.v1',
    ]);
    expect(list[0]).toMatchObject({
      specversion: '1.0',
      id: `order/${orderId}/1`,
      source: 'urn:service:order',
      subject: orderId,
      datacontenttype: 'application/json',
      aggregatetype: 'order',
      data: { customerId, total: 200 },
    });
    expect(list[1]).toMatchObject({
      causationid: expect.stringMatching(/^inventory\//),
      commandid: expect.any(String),
    });
    expect(reply.body.nextFromVersion).toBeUndefined();
  });

  it('pages with fromVersion and limit, and says where to go on', async () => {
    const first = await system.get(`/orders/${orderId}/events?limit=2`);
    expect((first.body.events as CloudEvent[]).map((e) => e.aggregateversion)).toEqual([1, 2]);
    expect(first.body.nextFromVersion).toBe(3);
    const rest = await events(`/orders/${orderId}/events?fromVersion=3&limit=1000`);
    expect(rest.map((e) => e.aggregateversion)).toEqual([3, 4, 5]);
    expect(await events(`/inventory/${sku}/events?fromVersion=2`)).toEqual([
      expect.objectContaining({ type: 'inventory.StockReserved.v1', aggregateversion: 2 }),
    ]);
    expect((await events(`/accounts/${customerId}/events`)).map((e) => e.type)).toEqual([
      'account.Deposited.v1',
      'account.PaymentCaptured.v1',
    ]);
  });

  it('shows each version once when republished copies sit in the log', async () => {
    const [copy] = await consumeFromStart(process.env.ACCOUNT_TOPIC ?? process.env.PAYMENT_TOPIC!, {
      until: (seen) => seen.some((m) => m.key?.toString() === customerId),
    }).then((all) => all.filter((m) => m.key?.toString() === customerId));
    const producer = testKafka('republish').producer();
    await producer.connect();
    await producer.send({
      topic: process.env.PAYMENT_TOPIC!,
      messages: [{ key: copy!.key, value: copy!.value, headers: copy!.headers }],
    });
    await producer.disconnect();
    await system.settle();
    expect((await events(`/accounts/${customerId}/events`)).map((e) => e.aggregateversion)).toEqual([1, 2]);
  });

  it('answers 404 for an aggregate with no events and 400 for malformed parameters, as problem+json', async () => {
    const missing = await system.get(`/orders/${uniqueName('ord')}/events`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    for (const query of ['limit=0', 'limit=1001', 'fromVersion=0', 'fromVersion=x', 'other=1']) {
      const reply = await system.get(`/orders/${orderId}/events?${query}`);
      expect([query, reply.status, reply.headers.get('content-type')]).toEqual([
        query,
        400,
        'application/problem+json',
      ]);
    }
  });

  it('answers an order, a sku and an account as they were right after a version', async () => {
    expect((await system.get(`/orders/${orderId}?version=1`)).body).toMatchObject({
      orderId,
      status: 'PURCHASING',
      version: 1,
    });
    expect((await system.get(`/orders/${orderId}?version=3`)).body).toMatchObject({
      status: 'PAYMENT',
      version: 3,
    });
    expect((await system.get(`/inventory/${sku}?version=1`)).body).toMatchObject({
      available: 5,
      reserved: 0,
    });
    expect((await system.get(`/accounts/${customerId}?version=1`)).body).toMatchObject({
      balance: 1000,
      version: 1,
    });
    const now = await system.get(`/orders/${orderId}`);
    expect(now.body).toMatchObject({ status: 'FULFILLMENT', version: 5, asOf: expect.any(String) });
  });

  it('answers as it was at an instant: after the last event at or before it', async () => {
    const list = await events(`/orders/${orderId}/events`);
    const third = list[2]!.time as string;
    expect((await system.get(`/orders/${orderId}?at=${encodeURIComponent(third)}`)).body).toMatchObject({
      version: 3,
      asOf: third,
    });
    const before = new Date(Date.parse(list[0]!.time as string) - 1000).toISOString();
    const tooEarly = await system.get(`/orders/${orderId}?at=${encodeURIComponent(before)}`);
    expect(tooEarly.status).toBe(404);
    expect(tooEarly.body.detail).toMatch(/current version is 5/);
  });

  it('names the current version when the version asked for does not exist yet', async () => {
    const reply = await system.get(`/orders/${orderId}?version=99`);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({
      detail: expect.stringMatching(/no version 99; its current version is 5/),
    });
    expect((await system.get(`/orders/${orderId}?version=2&minVersion=2`)).status).toBe(400);
    expect((await system.get(`/orders/${orderId}?at=yesterday`)).status).toBe(400);
  });
});
