import { startLocalSystem, type LocalSystem, type Reply } from '../support/localSystem';
import { uniqueName } from '../support/names';

// Every error status the API promises, over real HTTP, each as RFC 9457 problem+json.
describe('error statuses', () => {
  let system: LocalSystem;
  let orderId: string;
  beforeAll(async () => {
    system = await startLocalSystem();
    const sku = uniqueName('sku');
    await system.post(`/inventory/${sku}/restocks`, { quantity: 5 });
    orderId = (
      await system.post('/orders', { customerId: 'c', items: [{ sku, quantity: 1, unitPrice: 700 }] })
    ).body.orderId as string;
    await system.settle();
  });
  afterAll(() => system.stop());

  const expectProblem = (reply: Reply, status: number) => {
    expect({ status: reply.status, type: reply.headers.get('content-type') }).toEqual({
      status,
      type: 'application/problem+json',
    });
    expect(reply.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
  };

  it('400 for malformed JSON', async () => {
    expectProblem(
      await system.postRaw('/orders', '{"customerId":', { 'content-type': 'application/json' }),
      400,
    );
  });

  it('400 naming each invalid or unknown field', async () => {
    const reply = await system.post('/orders', {
      customerId: 'c',
      items: [{ sku: 'a', quantity: 0, unitPrice: 1.5 }],
      colour: 'red',
    });
    expectProblem(reply, 400);
    const fields = (reply.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['colour', 'items.0.quantity', 'items.0.unitPrice']);
  });

  it('400 for a malformed If-Match or query parameter', async () => {
    expectProblem(
      await system.post(`/orders/${orderId}/payments`, { amount: 700 }, { 'if-match': 'abc' }),
      400,
    );
    expectProblem(await system.get(`/orders?customerId=c&limit=1000`), 400);
  });

  it('404 for an unknown order, on a query and on a command', async () => {
    expectProblem(await system.get('/orders/ord-nope'), 404);
    expectProblem(await system.post('/orders/ord-nope/payments', { amount: 1 }), 404);
    expectProblem(await system.get('/inventory/never-stocked'), 404);
    expectProblem(await system.get('/accounts/nobody'), 404);
  });

  it('409 for a transition the state machine rejects', async () => {
    expectProblem(await system.post(`/orders/${orderId}/fulfilment`), 409);
  });

  it('412 when If-Match is not the current version', async () => {
    expectProblem(
      await system.post(`/orders/${orderId}/payments`, { amount: 700 }, { 'if-match': '"1"' }),
      412,
    );
  });

  it('413 for a body over 64 KB', async () => {
    const reply = await system.postRaw('/orders', JSON.stringify({ customerId: 'x'.repeat(70_000) }), {
      'content-type': 'application/json',
    });
    expectProblem(reply, 413);
  });

  it('415 for a body that is not JSON', async () => {
    expectProblem(await system.postRaw('/orders', 'customerId=c', { 'content-type': 'text/plain' }), 415);
  });

  it('422 for a business rule: the amount must equal the total', async () => {
    const reply = await system.post(`/orders/${orderId}/payments`, { amount: 1 });
    expectProblem(reply, 422);
    expect(reply.body.detail).toMatch(/700/);
  });

  it('503 with Retry-After when a read cannot reach the version asked for', async () => {
    const reply = await system.get(`/orders/${orderId}?minVersion=99`);
    expectProblem(reply, 503);
    expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('404 (API Gateway shape) for a route that does not exist', async () => {
    const reply = await system.get('/nowhere');
    expect(reply).toMatchObject({ status: 404, body: { message: 'Not Found' } });
  });

  it('serves the OpenAPI 3.1 document generated from the same schemas', async () => {
    const reply = await system.get('/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toBe('3.1.0');
    expect(Object.keys(reply.body.paths as object)).toContain('/orders/{orderId}/payments');
  });
});
