/** An HTTP response ready for `node:http`. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** Things a developer should know that AWS would silently ignore. */
  warnings: string[];
}

/** Thrown when API Gateway would reject the function's response (it answers 500). */
export class MalformedLambdaResponse extends Error {
  override readonly name = 'MalformedLambdaResponse';
}

/** Lambda's limit for a synchronous invocation's response payload. */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
// Node computes framing itself; a handler's own values would contradict the body we send.
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

/**
 * Interprets a handler's result as API Gateway does for payload format 2.0. The result first goes
 * through JSON, as it does on its way out of Lambda (so `undefined` members vanish and a BigInt
 * fails). An object with `statusCode` is a structured response; anything else — a string, an object
 * without `statusCode` — becomes a 200 `application/json` response whose body is the string itself
 * or the JSON of the value.
 *
 * @example
 * toHttpResponse({ statusCode: 201, cookies: ['a=1'] }).headers; // { 'set-cookie': ['a=1'] }
 * toHttpResponse('Hello').headers; // { 'content-type': 'application/json' }
 */
export function toHttpResponse(result: unknown): HttpResponse {
  const wire = lambdaSerialize(result);
  if (!isRecord(wire) || !('statusCode' in wire)) {
    const body = typeof wire === 'string' ? wire : JSON.stringify(wire);
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(body),
      warnings: [],
    };
  }
  return structuredResponse(wire);
}

function structuredResponse(wire: Record<string, unknown>): HttpResponse {
  const { statusCode, body, isBase64Encoded, cookies } = checkStructured(wire);
  const headers = responseHeaders(wire.headers);
  if (cookies.length > 0) headers['set-cookie'] = [...toList(headers['set-cookie']), ...cookies];
  const warnings =
    'multiValueHeaders' in wire
      ? ['multiValueHeaders is ignored in payload format 2.0: use headers and cookies']
      : [];
  return { statusCode, headers, body: Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8'), warnings };
}

interface StructuredResult {
  statusCode: number;
  body: string;
  isBase64Encoded: boolean;
  cookies: string[];
}

function checkStructured(wire: Record<string, unknown>): StructuredResult {
  const { statusCode, body = '', isBase64Encoded = false, cookies = [] } = wire;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    throw new MalformedLambdaResponse(
      `statusCode must be an integer from 100 to 599, got ${JSON.stringify(statusCode)}`,
    );
  }
  if (typeof body !== 'string') throw new MalformedLambdaResponse('body must be a string');
  if (typeof isBase64Encoded !== 'boolean')
    throw new MalformedLambdaResponse('isBase64Encoded must be a boolean');
  if (!isStringArray(cookies)) throw new MalformedLambdaResponse('cookies must be an array of strings');
  return { statusCode, body, isBase64Encoded, cookies };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function responseHeaders(headers: unknown): Record<string, string | string[]> {
  if (headers === undefined || headers === null) return {};
  if (!isRecord(headers)) throw new MalformedLambdaResponse('headers must be an object');
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new MalformedLambdaResponse(`header ${name} must be a string, number or boolean`);
    }
    const lower = name.toLowerCase();
    if (!FRAMING_HEADERS.has(lower)) result[lower] = String(value);
  }
  return result;
}

function lambdaSerialize(result: unknown): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(result);
  } catch (error) {
    throw new MalformedLambdaResponse('the result is not serialisable to JSON', { cause: error });
  }
  if (json === undefined) return null;
  if (Buffer.byteLength(json) > MAX_RESPONSE_BYTES) {
    throw new MalformedLambdaResponse(
      `the response exceeds Lambda's ${MAX_RESPONSE_BYTES} byte payload limit`,
    );
  }
  return JSON.parse(json) as unknown;
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
