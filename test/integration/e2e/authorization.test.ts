import { signJwt } from '../../../lib/local/httpApi/jwtAuthorizer';
import { startLocalSystem, type LocalSystem, type Reply } from '../support/localSystem';
import { uniqueName } from '../support/names';

// Every route × every kind of caller, over real HTTP with the local JWT authorizer on: the
// authorization model of docs/SECURITY.md, cell by cell. Alice owns the order and the account
// under test; Mallory is another customer; the clerk has inventory:write; support has orders:admin.
const ROLES = ['anonymous', 'owner', 'other', 'clerk', 'support'] as const;
type Role = (typeof ROLES)[number];

const secret = 'a-local-secret-that-is-long-enough-for-hs256';
const settings = { secret, issuer: 'urn:local:issuer', audience: ['kafka-event-sourcing'] };

describe('who may do what, route by route', () => {
  let system: LocalSystem;
  const alice = uniqueName('alice');
  const sku = uniqueName('sku');
  const subjects: Record<Exclude<Role, 'anonymous'>, { sub: string; scope?: string }> = {
    owner: { sub: alice },
    other: { sub: uniqueName('mallory') },
    clerk: { sub: uniqueName('clerk'), scope: 'inventory:write' },
    support: { sub: uniqueName('support'), scope: 'orders:admin' },
  };
  const headers = (role: Role): Record<string, string> => {
    if (role === 'anonymous') return {};
    const { sub, scope } = subjects[role];
    const claims = { sub, iss: settings.issuer, aud: settings.audience[0], ...(scope ? { scope } : {}) };
    return { authorization: `Bearer ${signJwt(claims, secret)}` };
  };
  const line = { sku, quantity: 1, unitPrice: 100 };
  /** Orders of Alice's, by purpose: the one every denied call aims at, and one per allowed call. */
  const orders: Record<string, string> = {};

  async function placeFor(name: string) {
    const reply = await system.post('/orders', { items: [line] }, headers('owner'));
    expect(reply.status).toBe(201);
    orders[name] = reply.body.orderId as string;
  }

  beforeAll(async () => {
    system = await startLocalSystem({ jwt: settings });
    expect(
      (await system.post(`/inventory/${sku}/restocks`, { quantity: 100 }, headers('clerk'))).status,
    ).toBe(200);
    expect(
      (await system.post(`/accounts/${alice}/deposits`, { amount: 10_000 }, headers('owner'))).status,
    ).toBe(200);
    for (const name of [
      'shared',
      'pay-owner',
      'pay-support',
      'fulfil-owner',
      'fulfil-support',
      'cancel-owner',
      'cancel-support',
    ]) {
      await placeFor(name);
    }
    await system.settle();
    for (const name of ['fulfil-owner', 'fulfil-support']) {
      expect(
        (await system.post(`/orders/${orders[name]}/payments`, { amount: 100 }, headers('owner'))).status,
      ).toBe(202);
    }
    await system.settle();
  }, 120_000);
  afterAll(() => system.stop());

  const target = (purpose: string, role: Role) =>
    orders[role === 'owner' || role === 'support' ? `${purpose}-${role}` : 'shared']!;

  const matrix: { route: string; call: (role: Role) => Promise<Reply>; expect: Record<Role, number> }[] = [
    { route: 'GET /health', call: (r) => system.get('/health', headers(r)), expect: all(200) },
    { route: 'GET /openapi.json', call: (r) => system.get('/openapi.json', headers(r)), expect: all(200) },
    {
      route: 'POST /orders (for Alice)',
      call: (r) => system.post('/orders', { customerId: alice, items: [line] }, headers(r)),
      expect: { anonymous: 401, owner: 201, other: 403, clerk: 403, support: 201 },
    },
    {
      route: 'GET /orders/{id}',
      call: (r) => system.get(`/orders/${orders.shared}`, headers(r)),
      expect: { anonymous: 401, owner: 200, other: 404, clerk: 404, support: 200 },
    },
    {
      // Someone else's order is waited for like a missing one: 503 after 2 s, never a 404 at once.
      route: 'GET /orders/{id}?minVersion=1',
      call: (r) => system.get(`/orders/${orders.shared}?minVersion=1`, headers(r)),
      expect: { anonymous: 401, owner: 200, other: 503, clerk: 503, support: 200 },
    },
    {
      route: 'GET /orders?customerId=Alice',
      call: (r) => system.get(`/orders?customerId=${alice}`, headers(r)),
      expect: { anonymous: 401, owner: 200, other: 404, clerk: 404, support: 200 },
    },
    {
      route: 'POST /orders/{id}/payments',
      call: (r) => system.post(`/orders/${target('pay', r)}/payments`, { amount: 100 }, headers(r)),
      expect: { anonymous: 401, owner: 202, other: 404, clerk: 404, support: 202 },
    },
    {
      route: 'POST /orders/{id}/fulfilment',
      call: (r) => system.post(`/orders/${target('fulfil', r)}/fulfilment`, undefined, headers(r)),
      expect: { anonymous: 401, owner: 200, other: 404, clerk: 404, support: 200 },
    },
    {
      route: 'POST /orders/{id}/cancellation',
      call: (r) => system.post(`/orders/${target('cancel', r)}/cancellation`, undefined, headers(r)),
      expect: { anonymous: 401, owner: 200, other: 404, clerk: 404, support: 200 },
    },
    {
      route: 'POST /inventory/{sku}/restocks',
      call: (r) => system.post(`/inventory/${sku}/restocks`, { quantity: 1 }, headers(r)),
      expect: { anonymous: 401, owner: 403, other: 403, clerk: 200, support: 403 },
    },
    {
      route: 'GET /inventory/{sku}',
      call: (r) => system.get(`/inventory/${sku}`, headers(r)),
      expect: { anonymous: 401, owner: 200, other: 200, clerk: 200, support: 200 },
    },
    {
      route: 'POST /accounts/{id}/deposits',
      call: (r) => system.post(`/accounts/${alice}/deposits`, { amount: 1 }, headers(r)),
      expect: { anonymous: 401, owner: 200, other: 404, clerk: 404, support: 200 },
    },
    {
      route: 'GET /accounts/{id}',
      call: (r) => system.get(`/accounts/${alice}`, headers(r)),
      expect: { anonymous: 401, owner: 200, other: 404, clerk: 404, support: 200 },
    },
    {
      route: 'GET /orders/{id}/events',
      call: (r) => system.get(`/orders/${orders.shared}/events`, headers(r)),
      expect: { anonymous: 401, owner: 200, other: 404, clerk: 404, support: 200 },
    },
    {
      route: 'GET /orders/{id}?version=1',
      call: (r) => system.get(`/orders/${orders.shared}?version=1`, headers(r)),
      expect: { anonymous: 401, owner: 200, other: 404, clerk: 404, support: 200 },
    },
    {
      route: 'GET /inventory/{sku}/events',
      call: (r) => system.get(`/inventory/${sku}/events`, headers(r)),
      expect: { anonymous: 401, owner: 403, other: 403, clerk: 200, support: 403 },
    },
    {
      route: 'GET /inventory/{sku}?version=1',
      call: (r) => system.get(`/inventory/${sku}?version=1`, headers(r)),
      expect: { anonymous: 401, owner: 403, other: 403, clerk: 200, support: 403 },
    },
    {
      route: 'GET /accounts/{id}/events',
      call: (r) => system.get(`/accounts/${alice}/events`, headers(r)),
      expect: { anonymous: 401, owner: 200, other: 404, clerk: 404, support: 200 },
    },
    {
      route: 'GET /accounts/{id}?at=now',
      call: (r) => system.get(`/accounts/${alice}?at=${new Date().toISOString()}`, headers(r)),
      expect: { anonymous: 401, owner: 200, other: 404, clerk: 404, support: 200 },
    },
  ];

  it.each(matrix.map((row) => [row.route, row] as const))(
    '%s answers each caller as specified',
    async (_, row) => {
      const answered: Record<string, number> = {};
      for (const role of ROLES) answered[role] = (await row.call(role)).status;
      expect(answered).toEqual(row.expect);
    },
  );

  it('hides another customer’s order exactly as a missing one: the same problem, word for word', async () => {
    const missing = uniqueName('ord');
    const shape = (reply: Reply, id: string) => ({
      status: reply.status,
      contentType: reply.headers.get('content-type'),
      type: reply.body.type,
      title: reply.body.title,
      detail: String(reply.body.detail).replaceAll(id, '<id>'),
    });
    const theirs = orders.shared!;
    const read = (id: string) => system.get(`/orders/${id}`, headers('other'));
    const pay = (id: string) => system.post(`/orders/${id}/payments`, { amount: 100 }, headers('other'));
    expect(shape(await read(theirs), theirs)).toEqual(shape(await read(missing), missing));
    expect(shape(await pay(theirs), theirs)).toEqual(shape(await pay(missing), missing));
    expect(shape(await read(theirs), theirs)).toMatchObject({
      status: 404,
      contentType: 'application/problem+json',
    });
  });

  it('changes nothing for a denied caller: the account and the order are as their owner left them', async () => {
    await system.settle();
    const account = await system.get(`/accounts/${alice}`, headers('owner'));
    // 10,000 deposited, then 1 by Alice and 1 by support in the matrix; four orders paid (100 each).
    expect(account.body).toMatchObject({ balance: 10_000 + 2 - 4 * 100 });
    expect((await system.get(`/orders/${orders.shared}`, headers('owner'))).body).toMatchObject({
      status: 'PAYMENT',
      customerId: alice,
    });
  });

  it('makes a new order the caller’s: no customerId means the token’s subject', async () => {
    const placed = await system.post('/orders', { items: [line] }, headers('other'));
    await system.settle();
    const seen = await system.get(`/orders/${placed.body.orderId as string}`, headers('other'));
    expect(seen.body).toMatchObject({ customerId: subjects.other.sub });
  });
});

function all(status: number): Record<Role, number> {
  return Object.fromEntries(ROLES.map((role) => [role, status])) as Record<Role, number>;
}
