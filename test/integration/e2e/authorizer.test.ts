import { signJwt } from '../../../lib/local/httpApi/jwtAuthorizer';
import { startLocalSystem, type LocalSystem } from '../support/localSystem';
import { uniqueName } from '../support/names';

// With a local issuer configured, every route but /health and /openapi.json verifies JWTs as API
// Gateway's JWT authorizer does. What each caller may then do: authorization.test.ts.
describe('the JWT authorizer, locally', () => {
  const secret = 'a-local-secret-that-is-long-enough-for-hs256';
  const settings = { secret, issuer: 'urn:local:issuer', audience: ['kafka-event-sourcing'] };
  let system: LocalSystem;
  beforeAll(async () => {
    system = await startLocalSystem({ jwt: settings });
  });
  afterAll(() => system.stop());

  const token = (claims: Record<string, unknown>) =>
    signJwt(
      {
        sub: 'customer-1',
        iss: settings.issuer,
        aud: settings.audience[0],
        exp: Date.now() / 1000 + 60,
        ...claims,
      },
      secret,
    );

  it('refuses a command without a token, or with a forged or expired one, with 401', async () => {
    const path = `/inventory/${uniqueName('sku')}/restocks`;
    expect((await system.post(path, { quantity: 1 })).status).toBe(401);
    expect((await system.post(path, { quantity: 1 }, { authorization: `Bearer ${token({})}x` })).status).toBe(
      401,
    );
    const expired = token({ exp: Date.now() / 1000 - 10 });
    expect((await system.post(path, { quantity: 1 }, { authorization: `Bearer ${expired}` })).status).toBe(
      401,
    );
  });

  it('accepts a valid token, on queries as on commands, and leaves /health and /openapi.json open', async () => {
    const sku = uniqueName('sku');
    const clerk = { authorization: `Bearer ${token({ scope: 'inventory:write' })}` };
    const reply = await system.post(`/inventory/${sku}/restocks`, { quantity: 2 }, clerk);
    expect(reply).toMatchObject({ status: 200, body: { sku, available: 2 } });
    await system.settle();
    expect((await system.get(`/inventory/${sku}`)).status).toBe(401);
    expect((await system.get(`/inventory/${sku}`, clerk)).status).toBe(200);
    expect((await system.get('/health')).status).toBe(200);
    expect((await system.get('/openapi.json')).status).toBe(200);
  });

  it('lets API Gateway refuse a token without the route’s scope, before the function runs', async () => {
    const reply = await system.post(
      `/inventory/${uniqueName('sku')}/restocks`,
      { quantity: 1 },
      { authorization: `Bearer ${token({ scope: 'orders:admin' })}` },
    );
    expect(reply).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
  });
});
