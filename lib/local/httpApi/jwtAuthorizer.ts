import { createHmac, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { JwtClaims } from './routes';

/**
 * What the local JWT authorizer accepts: the checks API Gateway's JWT authorizer makes, against a key
 * you hold instead of the issuer's JWKS. HS256 (a shared secret) keeps local tokens one line to make;
 * RS256 with a PEM public key accepts tokens of a real issuer.
 */
export interface JwtAuthorizerSettings {
  /** HS256 secret, at least 32 bytes. Exactly one of `secret` and `publicKeyPem`. */
  readonly secret?: string;
  /** RS256 public key (PEM). */
  readonly publicKeyPem?: string;
  /** Must equal the token's `iss`. */
  readonly issuer: string;
  /** The token's `aud` (or `client_id`) must name one of these. */
  readonly audience: readonly string[];
  /** Seconds of clock skew allowed on `exp`, `nbf` and `iat`; default 0. */
  readonly clockToleranceSeconds?: number;
  /** Epoch milliseconds; default Date.now. */
  readonly now?: () => number;
}

export type JwtVerification =
  { readonly ok: true; readonly claims: JwtClaims } | { readonly ok: false; readonly reason: string };

/** Variables read by {@link jwtSettingsFromEnv}. */
export const LOCAL_JWT_ENV = {
  secret: 'LOCAL_JWT_SECRET',
  publicKey: 'LOCAL_JWT_PUBLIC_KEY',
  issuer: 'LOCAL_JWT_ISSUER',
  audience: 'LOCAL_JWT_AUDIENCE',
} as const;

/** Defaults of the local issuer; the audience is serverless.yml's default `jwtAudience`. */
export const LOCAL_JWT_DEFAULTS = { issuer: 'urn:local:issuer', audience: 'kafka-event-sourcing' } as const;

// A real token is well under 2 KB; the bound keeps hostile headers from costing a parse.
const MAX_TOKEN_LENGTH = 8192;
const MIN_SECRET_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BEARER = /^bearer\s+/i;

/**
 * The authorizer hook of a route (`RouteDefinition.authorizer`): claims for a valid
 * `Authorization: Bearer <jwt>`, `undefined` (the emulator answers 401) otherwise.
 *
 * @example
 * const authorizer = createJwtAuthorizer({ secret, issuer: 'urn:local:issuer', audience: ['kafka-event-sourcing'] });
 * startHttpApi({ routes: [{ method: 'POST', path: '/orders', handler, authorizer }] });
 */
export function createJwtAuthorizer(
  settings: JwtAuthorizerSettings,
): (event: APIGatewayProxyEventV2) => Promise<JwtClaims | undefined> {
  const key = verificationKey(settings);
  return (event) => {
    const header = event.headers?.authorization;
    const token = header?.replace(BEARER, '').trim();
    const verified = token ? verifyWith(token, key, settings) : undefined;
    return Promise.resolve(verified?.ok ? verified.claims : undefined);
  };
}

/**
 * Verifies a compact JWS: algorithm (no `none`, no switching), signature, `exp` (required), `nbf`,
 * `iat`, `iss` and `aud`/`client_id`, as API Gateway does. Never throws on a bad token.
 *
 * @example
 * verifyJwt(token, settings); // { ok: false, reason: 'expired' }
 */
export function verifyJwt(token: string, settings: JwtAuthorizerSettings): JwtVerification {
  return verifyWith(token, verificationKey(settings), settings);
}

/**
 * The settings from `LOCAL_JWT_SECRET` (or `LOCAL_JWT_PUBLIC_KEY`), `LOCAL_JWT_ISSUER` and
 * `LOCAL_JWT_AUDIENCE` (comma-separated); `undefined` when neither key is set (routes stay open).
 * Throws on a secret shorter than 32 bytes.
 *
 * @example
 * const settings = jwtSettingsFromEnv(process.env);
 * const authorizer = settings && createJwtAuthorizer(settings);
 */
export function jwtSettingsFromEnv(env: NodeJS.ProcessEnv): JwtAuthorizerSettings | undefined {
  const secret = env[LOCAL_JWT_ENV.secret] || undefined;
  const publicKeyPem = env[LOCAL_JWT_ENV.publicKey] || undefined;
  if (!secret && !publicKeyPem) return undefined;
  const audience = (env[LOCAL_JWT_ENV.audience] || LOCAL_JWT_DEFAULTS.audience)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const settings = {
    ...(secret ? { secret } : {}),
    ...(publicKeyPem ? { publicKeyPem } : {}),
    issuer: env[LOCAL_JWT_ENV.issuer] || LOCAL_JWT_DEFAULTS.issuer,
    audience,
  };
  verificationKey(settings); // fail at start-up, not on the first request
  return settings;
}

/**
 * An HS256 token for local use and tests (`exp` defaults to an hour from now).
 *
 * @example
 * const token = signJwt({ sub: 'alice', iss: 'urn:local:issuer', aud: 'kafka-event-sourcing' }, secret);
 */
export function signJwt(claims: Record<string, unknown>, secret: string, now = Date.now()): string {
  const payload = { iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 3600, ...claims };
  const signingInput = `${encodePart({ alg: 'HS256', typ: 'JWT' })}.${encodePart(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

type VerificationKey = { alg: 'HS256'; secret: Buffer } | { alg: 'RS256'; publicKey: KeyObject };

function verificationKey(settings: JwtAuthorizerSettings): VerificationKey {
  if (!!settings.secret === !!settings.publicKeyPem) {
    throw new Error('the JWT authorizer needs exactly one of a secret (HS256) and a public key (RS256)');
  }
  if (settings.secret) {
    const secret = Buffer.from(settings.secret, 'utf8');
    if (secret.length < MIN_SECRET_BYTES) {
      throw new Error(`the HS256 secret must be at least ${MIN_SECRET_BYTES} bytes`);
    }
    return { alg: 'HS256', secret };
  }
  return { alg: 'RS256', publicKey: createPublicKey(settings.publicKeyPem!) };
}

function verifyWith(token: string, key: VerificationKey, settings: JwtAuthorizerSettings): JwtVerification {
  const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return fail('malformed');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodePart(headerPart);
  // The algorithm is the key's, never the token's choice: that closes `none` and HS/RS confusion.
  if (!header || header.alg !== key.alg) return fail('algorithm');
  if (!signatureMatches(`${headerPart}.${payloadPart}`, Buffer.from(signaturePart, 'base64url'), key)) {
    return fail('signature');
  }
  const payload = decodePart(payloadPart);
  if (!payload) return fail('malformed');
  const problem = claimProblem(payload, settings);
  return problem ? fail(problem) : { ok: true, claims: toClaims(payload) };
}

function signatureMatches(signingInput: string, signature: Buffer, key: VerificationKey): boolean {
  if (key.alg === 'RS256') return verify('RSA-SHA256', Buffer.from(signingInput), key.publicKey, signature);
  const expected = createHmac('sha256', key.secret).update(signingInput).digest();
  return expected.length === signature.length && timingSafeEqual(expected, signature);
}

function claimProblem(payload: Record<string, unknown>, settings: JwtAuthorizerSettings): string | undefined {
  const timing = timeProblem(
    payload,
    (settings.now ?? Date.now)() / 1000,
    settings.clockToleranceSeconds ?? 0,
  );
  if (timing) return timing;
  if (payload.iss !== settings.issuer) return 'issuer';
  const audiences = [payload.aud, payload.client_id].flat().filter((a) => typeof a === 'string');
  return audiences.some((a) => settings.audience.includes(a)) ? undefined : 'audience';
}

/** `exp` is required (API Gateway refuses tokens without it); `nbf` and `iat`, when present, must have passed. */
function timeProblem(
  { exp, nbf, iat }: Record<string, unknown>,
  now: number,
  skew: number,
): string | undefined {
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'exp missing';
  if (exp + skew <= now) return 'expired';
  const passed = (claim: unknown) =>
    claim === undefined || (typeof claim === 'number' && claim - skew <= now);
  if (!passed(nbf)) return 'not yet valid';
  return passed(iat) ? undefined : 'issued in the future';
}

/** API Gateway hands claims on as strings (arrays of strings stay lists for `scope`/`scp`). */
function toClaims(payload: Record<string, unknown>): JwtClaims {
  // fromEntries defines own properties: a claim named __proto__ stays a claim.
  return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, claimValue(value)]));
}

function claimValue(value: unknown): string | string[] {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const encodePart = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const fail = (reason: string): JwtVerification => ({ ok: false, reason });
