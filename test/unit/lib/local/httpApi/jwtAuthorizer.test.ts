import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import {
  createJwtAuthorizer,
  jwtSettingsFromEnv,
  signJwt,
  verifyJwt,
  type JwtAuthorizerSettings,
} from '../../../../../lib/local/httpApi/jwtAuthorizer';

const secret = 'a-local-secret-of-at-least-32-bytes!';
const NOW = Date.UTC(2026, 0, 1);
const settings: JwtAuthorizerSettings = {
  secret,
  issuer: 'urn:local:issuer',
  audience: ['kafka-event-sourcing'],
  now: () => NOW,
};
const seconds = NOW / 1000;
const good = { sub: 'alice', iss: 'urn:local:issuer', aud: 'kafka-event-sourcing' };
const sign = (claims: Record<string, unknown>) => signJwt(claims, secret, NOW);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hs256 = (input: string, key = secret) => createHmac('sha256', key).update(input).digest('base64url');
const withHeader = (header: object, claims: object) => {
  const input = `${b64(header)}.${b64({ exp: seconds + 60, ...claims })}`;
  return `${input}.${hs256(input)}`;
};
const event = (authorization?: string) =>
  ({ headers: authorization === undefined ? {} : { authorization } }) as unknown as APIGatewayProxyEventV2;

describe('verifyJwt', () => {
  it('accepts a token signed with the secret, from the right issuer, for the audience', () => {
    expect(verifyJwt(sign(good), settings)).toEqual({
      ok: true,
      claims: { ...good, iat: String(seconds), exp: String(seconds + 3600) },
    });
  });

  it.each([
    ['a wrong signature', `${sign(good).slice(0, -4)}AAAA`, 'signature'],
    ['another secret', signJwt(good, 'another-secret-that-is-32-bytes-long', NOW), 'signature'],
    ['an expired token', sign({ ...good, exp: seconds - 1 }), 'expired'],
    ['no exp', withHeader({ alg: 'HS256' }, { ...good, exp: undefined }), 'exp missing'],
    ['a future nbf', sign({ ...good, nbf: seconds + 30 }), 'not yet valid'],
    ['a future iat', sign({ ...good, iat: seconds + 30 }), 'issued in the future'],
    ['another issuer', sign({ ...good, iss: 'https://evil.example' }), 'issuer'],
    ['another audience', sign({ ...good, aud: 'someone-else' }), 'audience'],
    ['alg none', `${b64({ alg: 'none' })}.${b64({ ...good, exp: seconds + 60 })}.`, 'algorithm'],
    ['alg RS256 with an HMAC signature', withHeader({ alg: 'RS256' }, good), 'algorithm'],
    ['two parts', sign(good).split('.').slice(0, 2).join('.'), 'malformed'],
    ['characters outside base64url', `${sign(good)}=`, 'malformed'],
    [
      'a payload that is not an object',
      (() => {
        const input = `${b64({ alg: 'HS256' })}.${b64([1])}`;
        return `${input}.${hs256(input)}`;
      })(),
      'malformed',
    ],
  ])('rejects %s', (_, token, reason) => {
    expect(verifyJwt(token, settings)).toEqual({ ok: false, reason });
  });

  it('accepts the audience as a list entry or as client_id (Cognito access tokens)', () => {
    expect(verifyJwt(sign({ ...good, aud: ['x', 'kafka-event-sourcing'] }), settings).ok).toBe(true);
    expect(verifyJwt(sign({ ...good, aud: undefined, client_id: 'kafka-event-sourcing' }), settings).ok).toBe(
      true,
    );
  });

  it('allows the configured clock skew and no more', () => {
    const token = sign({ ...good, exp: seconds - 5 });
    expect(verifyJwt(token, { ...settings, clockToleranceSeconds: 10 }).ok).toBe(true);
    expect(verifyJwt(token, { ...settings, clockToleranceSeconds: 4 }).ok).toBe(false);
  });

  it('keeps a claim named __proto__ a plain claim', () => {
    const verified = verifyJwt(withHeader({ alg: 'HS256' }, { ...good, ['__proto__']: ['x'] }), settings);
    expect(verified.ok && Object.getPrototypeOf(verified.claims)).toBe(Object.prototype);
  });

  it('verifies RS256 tokens with a public key and refuses HS256 ones signed with that key as secret', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rsa = { ...settings, secret: undefined, publicKeyPem };
    const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ ...good, exp: seconds + 60 })}`;
    const signature = createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');
    expect(verifyJwt(`${input}.${signature}`, rsa).ok).toBe(true);
    const confused = `${b64({ alg: 'HS256' })}.${b64({ ...good, exp: seconds + 60 })}`;
    expect(verifyJwt(`${confused}.${hs256(confused, publicKeyPem)}`, rsa)).toEqual({
      ok: false,
      reason: 'algorithm',
    });
  });

  it('never accepts a token it did not sign, whatever the bytes', () => {
    const part = fc.string({ unit: fc.constantFrom(...'ABCxyz019-_'.split('')), maxLength: 60 });
    fc.assert(
      fc.property(fc.tuple(part, part, part), fc.string(), (parts, raw) => {
        expect(verifyJwt(parts.join('.'), settings).ok).toBe(false);
        expect(verifyJwt(raw, settings).ok).toBe(false);
      }),
    );
  });
});

describe('createJwtAuthorizer', () => {
  const authorize = createJwtAuthorizer(settings);

  it('reads the Authorization header with or without the Bearer scheme', async () => {
    expect(await authorize(event(`Bearer ${sign(good)}`))).toMatchObject({ sub: 'alice' });
    expect(await authorize(event(`bearer   ${sign(good)}`))).toMatchObject({ sub: 'alice' });
    expect(await authorize(event(sign(good)))).toMatchObject({ sub: 'alice' });
  });

  it('gives nothing (401) without a header, for an empty one, or for a bad token', async () => {
    expect(await authorize(event())).toBeUndefined();
    expect(await authorize(event('Bearer '))).toBeUndefined();
    expect(await authorize(event(`Bearer ${sign({ ...good, iss: 'x' })}`))).toBeUndefined();
    expect(await authorize(event(`Bearer ${'a'.repeat(10_000)}.b.c`))).toBeUndefined();
  });

  it('refuses settings without exactly one key, or with a short secret', () => {
    expect(() => createJwtAuthorizer({ ...settings, secret: undefined })).toThrow(/exactly one/);
    expect(() => createJwtAuthorizer({ ...settings, secret: 'short' })).toThrow(/32 bytes/);
  });
});

describe('jwtSettingsFromEnv', () => {
  it('is undefined when no key is configured: the routes stay open', () => {
    expect(jwtSettingsFromEnv({})).toBeUndefined();
  });

  it('takes the secret, issuer and comma-separated audiences, with local defaults', () => {
    expect(jwtSettingsFromEnv({ LOCAL_JWT_SECRET: secret })).toEqual({
      secret,
      issuer: 'urn:local:issuer',
      audience: ['kafka-event-sourcing'],
    });
    expect(
      jwtSettingsFromEnv({ LOCAL_JWT_SECRET: secret, LOCAL_JWT_ISSUER: 'i', LOCAL_JWT_AUDIENCE: 'a, b' }),
    ).toMatchObject({ issuer: 'i', audience: ['a', 'b'] });
  });

  it('fails at start-up on a secret too short to resist guessing', () => {
    expect(() => jwtSettingsFromEnv({ LOCAL_JWT_SECRET: 'secret' })).toThrow(/32 bytes/);
  });
});
