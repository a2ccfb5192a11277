import { signJwt } from '../../../lib/local/httpApi/jwtAuthorizer';
import { startLocalSystem, type LocalSystem } from '../support/localSystem';
import { uniqueName } from '../support/names';

// With a local issuer configured, command routes verify JWTs as API Gateway's JWT authorizer does.
describe('the JWT authorizer on command routes, locally', () => {
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

  it('accepts a command with a valid token, and leaves queries open', async () => {
    const sku = uniqueName('sku');
    const reply = await system.post(
      `/inventory/${sku}/restocks`,
      { quantity: 2 },
      { authorization: `Bearer ${token({})}` },
    );
    expect(reply).toMatchObject({ status: 200, body: { sku, available: 2 } });
    await system.settle();
    expect((await system.get(`/inventory/${sku}`)).status).toBe(200);
  });
});
