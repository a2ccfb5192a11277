import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { callerOf, type Caller } from '../../../../lib/auth/caller';
import { authorize, customerFor, mayAccess } from '../../../../lib/auth/policy';
import { notFound } from '../../../../lib/errors/domainErrors';

const eventWith = (jwt?: { claims: Record<string, unknown>; scopes?: string[] | null }) =>
  ({ requestContext: { ...(jwt ? { authorizer: { jwt } } : {}) } }) as unknown as APIGatewayProxyEventV2;
const user = (subject: string, ...scopes: string[]): Caller => ({
  kind: 'user',
  subject,
  scopes: new Set(scopes),
});
const hidden = () => notFound('order', 'o-1');
/** What `run` threw (undefined when it did not throw). */
function thrown(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('the caller of a request', () => {
  it('is the JWT authorizer’s subject, with the scopes of `scope`, `scp` and the authorizer’s list', () => {
    const caller = callerOf(eventWith({ claims: { sub: 'alice', scope: 'a b' }, scopes: ['c'] }), 'jwt');
    expect(caller).toEqual({ kind: 'user', subject: 'alice', scopes: new Set(['c', 'a', 'b']) });
    expect(callerOf(eventWith({ claims: { sub: 'bob', scp: ['x'] } }), 'jwt')).toMatchObject({
      scopes: new Set(['x']),
    });
  });

  it('is anonymous without verified claims or a subject, whatever else the request says', () => {
    expect(callerOf(eventWith(), 'jwt')).toEqual({ kind: 'anonymous' });
    expect(callerOf(eventWith({ claims: { scope: 'orders:admin' } }), 'jwt')).toEqual({ kind: 'anonymous' });
    expect(callerOf(eventWith({ claims: { sub: '' } }), 'jwt')).toEqual({ kind: 'anonymous' });
  });

  it('is nobody in particular when the local runtime is open', () => {
    expect(callerOf(eventWith({ claims: { sub: 'alice' } }), 'open')).toEqual({ kind: 'open' });
  });
});

describe('authorize', () => {
  it('refuses an anonymous caller everything with 401', () => {
    expect(thrown(() => authorize({ kind: 'anonymous' }, { signedIn: true }))).toMatchObject({
      kind: 'unauthorized',
    });
  });

  it('answers a missing staff role with 403, and lets its holder through', () => {
    expect(thrown(() => authorize(user('alice'), { scope: 'inventory:write' }))).toMatchObject({
      kind: 'forbidden',
    });
    expect(() => authorize(user('clerk', 'inventory:write'), { scope: 'inventory:write' })).not.toThrow();
  });

  it('hides what belongs to someone else behind the route’s own 404, unless the caller has the role', () => {
    const need = { owner: 'alice', unless: 'orders:admin', hidden };
    expect(() => authorize(user('alice'), need)).not.toThrow();
    expect(() => authorize(user('mallory'), need)).toThrow(hidden());
    expect(() => authorize(user('mallory'), { ...need, owner: undefined })).toThrow(hidden());
    expect(() => authorize(user('support', 'orders:admin'), need)).not.toThrow();
    expect(() => authorize(user('clerk', 'inventory:write'), need)).toThrow(hidden());
  });

  it('lets a caller act for themselves, and for others only with the role (403)', () => {
    expect(() => authorize(user('alice'), { actingAs: 'alice', unless: 'orders:admin' })).not.toThrow();
    expect(thrown(() => authorize(user('alice'), { actingAs: 'bob', unless: 'orders:admin' }))).toMatchObject(
      {
        kind: 'forbidden',
      },
    );
    expect(() =>
      authorize(user('s', 'orders:admin'), { actingAs: 'bob', unless: 'orders:admin' }),
    ).not.toThrow();
  });

  it('lets everything through when the local runtime is open', () => {
    for (const need of [
      { signedIn: true as const },
      { scope: 'x' },
      { owner: 'bob', hidden },
      { actingAs: 'bob' },
    ]) {
      expect(() => authorize({ kind: 'open' }, need)).not.toThrow();
    }
    expect(mayAccess({ kind: 'open' }, undefined)).toBe(true);
  });
});

describe('customerFor', () => {
  it('is the named customer, else the caller, else a 400 naming the field', () => {
    expect(customerFor(user('alice'), 'bob', 'customerId')).toBe('bob');
    expect(customerFor(user('alice'), undefined, 'customerId')).toBe('alice');
    expect(thrown(() => customerFor({ kind: 'open' }, undefined, 'customerId'))).toMatchObject({
      kind: 'validation',
      issues: [{ field: 'customerId' }],
    });
  });
});
