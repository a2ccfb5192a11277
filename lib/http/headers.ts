import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { invalidField } from './validation';

/** A strong entity tag holding a version: `"0"`, `"42"`; no leading zeros, at most 16 digits. */
const VERSION_ETAG = /^"(0|[1-9][0-9]{0,15})"$/;
/** Printable ASCII (space to tilde), 1–255 characters. */
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * The value of a request header. API Gateway lower-cases header names (and joins repeated headers
 * with commas); events written by hand may not, so other spellings are found too.
 *
 * @example
 * headerValue(event, 'Content-Type'); // 'application/json'
 */
export function headerValue(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const headers = event.headers ?? {};
  const lower = name.toLowerCase();
  if (Object.hasOwn(headers, lower)) return headers[lower];
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : headers[key];
}

/**
 * The version the client expects, from `If-Match: "<version>"` (the ETag this API sent), or
 * `undefined` when the header is absent. Only one strong entity tag is accepted: `W/"3"` is rejected
 * because RFC 9110 §13.1.1 never lets a weak tag match in If-Match, `*` because the caller needs a
 * version to compare, and lists because one resource has one version.
 *
 * @example
 * const expectedVersion = parseIfMatch(event); // If-Match: "3" → 3
 */
export function parseIfMatch(event: APIGatewayProxyEventV2): number | undefined {
  const value = headerValue(event, 'if-match');
  if (value === undefined) return undefined;
  const digits = VERSION_ETAG.exec(value.trim())?.[1];
  const version = digits === undefined ? Number.NaN : Number(digits);
  if (!Number.isSafeInteger(version)) {
    throw invalidField(
      'header.if-match',
      'must be the ETag of the resource, e.g. "3" (weak tags, * and lists are not accepted)',
      'Invalid If-Match header',
    );
  }
  return version;
}

/**
 * The `Idempotency-Key` header, or `undefined` when absent: 1 to 255 printable ASCII characters
 * (surrounding whitespace ignored). A client that sends the header twice gets the two values joined
 * by a comma (API Gateway does that), which is a different key, not an error.
 *
 * @example
 * const key = idempotencyKey(event); // Idempotency-Key: 8e03978e-40d5-43e8-bc93-6894a57f9324
 */
export function idempotencyKey(event: APIGatewayProxyEventV2): string | undefined {
  const value = headerValue(event, 'idempotency-key');
  if (value === undefined) return undefined;
  const key = value.trim();
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw invalidField(
      'header.idempotency-key',
      'must be 1 to 255 printable ASCII characters',
      'Invalid Idempotency-Key header',
    );
  }
  return key;
}
