import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { AppError, ErrorKind } from '../errors/appError';
import { headerValue } from './headers';
import { fieldNamer, invalidField, validate } from './validation';

export interface ParseJsonBodyOptions {
  /** Largest accepted body in bytes (after base64 decoding). Default 64 KiB. */
  maxBytes?: number;
  /** Deepest accepted nesting of objects and arrays. Default 32. */
  maxDepth?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_MAX_JSON_DEPTH = 32;

const BODY_FIELD = '(body)';
/** `application/json` or any `application/<something>+json` (RFC 6839), without parameters. */
const JSON_MEDIA_TYPE = /^application\/(?:json|[a-z0-9!#$&^_.+-]+\+json)$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the JSON body of an HTTP API (payload 2.0) event and validates it, failing with an
 * {@link AppError} a client can act on: 415 for a non-JSON content type (or a charset other than
 * UTF-8), 413 above `maxBytes`, 400 for an empty or malformed body, nesting deeper than `maxDepth`,
 * or a schema violation (one issue per field, e.g. `items.0.quantity`).
 *
 * Pass strict object schemas (`z.strictObject`): unknown fields are then rejected instead of being
 * silently dropped. Keys such as `__proto__` are harmless either way — `JSON.parse` creates them as
 * own properties, and a strict schema rejects them as unknown fields — but rejecting them is clearer.
 * The schema must be synchronous (no async refinements).
 *
 * @example
 * const PlaceOrder = z.strictObject({ items: z.array(z.strictObject({ sku: z.string(), quantity: z.number().int().positive() })) });
 * const command = parseJsonBody(event, PlaceOrder);
 */
export function parseJsonBody<T>(
  event: APIGatewayProxyEventV2,
  schema: z.ZodType<T>,
  { maxBytes = DEFAULT_MAX_BODY_BYTES, maxDepth = DEFAULT_MAX_JSON_DEPTH }: ParseJsonBodyOptions = {},
): T {
  requireJsonContentType(headerValue(event, 'content-type'));
  const text = bodyText(event, maxBytes);
  const value = parseJson(text, maxDepth);
  return validate(schema, value, 'The request body is invalid', fieldNamer('', BODY_FIELD));
}

function requireJsonContentType(contentType: string | undefined): void {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';');
  if (!JSON_MEDIA_TYPE.test(mediaType.trim().toLowerCase())) {
    throw new AppError(ErrorKind.UnsupportedMediaType, 'Content-Type must be application/json', {
      details: { supported: ['application/json', 'application/*+json'] },
    });
  }
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=').map((part) => part.trim().toLowerCase());
    // RFC 8259 §8.1: JSON exchanged between systems is UTF-8; anything else would be mis-decoded.
    if (name === 'charset' && value.replaceAll('"', '') !== 'utf-8') {
      throw new AppError(ErrorKind.UnsupportedMediaType, 'The JSON body must be encoded as UTF-8');
    }
  }
}

function bodyText(event: APIGatewayProxyEventV2, maxBytes: number): string {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? decodeBase64(raw, maxBytes) : checkSize(raw, maxBytes);
  if (text.trim() === '') throw invalidField(BODY_FIELD, 'The request body is empty');
  // A leading byte-order mark is allowed by RFC 8259 §8.1 for parsers to ignore; JSON.parse does not.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function checkSize(text: string, maxBytes: number): string {
  // UTF-8 needs at least one byte per UTF-16 unit, so the length alone rejects most oversized bodies
  // without walking them.
  if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes) throw tooLarge(maxBytes);
  return text;
}

function decodeBase64(encoded: string, maxBytes: number): string {
  // Four characters carry three bytes: reject a body that is surely too big before decoding it.
  if (Math.floor((encoded.length * 3) / 4) - 2 > maxBytes) throw tooLarge(maxBytes);
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  try {
    return utf8.decode(bytes);
  } catch {
    throw invalidField(BODY_FIELD, 'The request body is not valid UTF-8');
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(ErrorKind.PayloadTooLarge, `The request body exceeds ${maxBytes} bytes`, {
    details: { maxBytes },
  });
}

function parseJson(text: string, maxDepth: number): unknown {
  if (nestingExceeds(text, maxDepth)) {
    throw invalidField(BODY_FIELD, `The request body nests deeper than ${maxDepth} levels`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const position = error instanceof SyntaxError ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    const where = position === undefined ? '' : ` (at position ${position})`;
    throw invalidField(BODY_FIELD, `The request body is not valid JSON${where}`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * One linear pass that counts open brackets outside strings. JSON.parse copes with deep input, but
 * the schema walk and later recursive code might not, and a 64 KiB body can nest 32,000 levels.
 *
 * @example
 * nestingExceeds('{"a":[["[[["]]}', 2); // true: the brackets in the string do not count, the array's do
 */
export function nestingExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (OPENERS.has(code)) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (CLOSERS.has(code)) {
      depth--;
    }
  }
  return false;
}
