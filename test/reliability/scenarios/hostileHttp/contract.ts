// The HTTP contract of every command route, written down independently of the handlers' zod schemas
// (README, OpenAPI): the oracle that says whether a request's input is acceptable at all. The test
// sends only requests this oracle calls unacceptable to the command routes, and expects each to be
// rejected before anything is written; using the handlers' own schemas here would make a schema
// that is too lax (a z.object letting unknown fields through) invisible.

/** Ids in paths and bodies: letters, digits and `. _ : @ -`, starting alphanumeric, at most 128. */
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;
const VERSION_ETAG = /^"(0|[1-9][0-9]{0,15})"$/;
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;
const JSON_MEDIA_TYPE = /^application\/(?:json|[a-z0-9!#$&^_.+-]+\+json)$/;
const MAX_BODY_BYTES = 64 * 1024;
const MAX_DEPTH = 32;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type BodyCheck = (body: Json) => boolean;

const isObject = (value: Json): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** Exactly these keys may appear (unknown ones are an error), `required` must. */
const shape = (value: Json, fields: Record<string, (v: Json) => boolean>, required: readonly string[]) =>
  isObject(value) &&
  Object.keys(value).every((key) => Object.hasOwn(fields, key) && fields[key]!(value[key]!)) &&
  required.every((key) => Object.hasOwn(value, key));
const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (v: Json) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const identifier = (v: Json) => typeof v === 'string' && IDENTIFIER.test(v);

const orderLine = (v: Json) =>
  shape(v, { sku: identifier, quantity: integer(1), unitPrice: integer(1) }, [
    'sku',
    'quantity',
    'unitPrice',
  ]);

/** What a command route reads: its path parameter, and its body if it has one. */
export interface CommandContract {
  readonly method: 'POST';
  readonly path: string;
  readonly parameter?: string;
  /** Undefined: the body is not read at all. */
  readonly body?: BodyCheck;
  /** The body may be absent (cancellation). */
  readonly bodyOptional?: boolean;
}

export const COMMANDS: readonly CommandContract[] = [
  {
    method: 'POST',
    path: '/orders',
    body: (b) =>
      shape(
        b,
        {
          // Optional since the caller is the customer (naming another one is refused later, 403).
          customerId: identifier,
          items: (v) => Array.isArray(v) && v.length >= 1 && v.length <= 50 && v.every(orderLine),
        },
        ['items'],
      ),
  },
  {
    method: 'POST',
    path: '/orders/{orderId}/payments',
    parameter: 'orderId',
    body: (b) => shape(b, { amount: integer(1) }, ['amount']),
  },
  { method: 'POST', path: '/orders/{orderId}/fulfilment', parameter: 'orderId' },
  {
    method: 'POST',
    path: '/orders/{orderId}/cancellation',
    parameter: 'orderId',
    bodyOptional: true,
    body: (b) =>
      shape(
        b,
        { reason: (v) => typeof v === 'string' && v.trim().length >= 1 && v.trim().length <= 200 },
        [],
      ),
  },
  {
    method: 'POST',
    path: '/inventory/{sku}/restocks',
    parameter: 'sku',
    body: (b) => shape(b, { quantity: integer(1, 1e9) }, ['quantity']),
  },
  {
    method: 'POST',
    path: '/accounts/{customerId}/deposits',
    parameter: 'customerId',
    body: (b) => shape(b, { amount: integer(1, 1e12) }, ['amount']),
  },
];

/** The request as the function would see it: path parameter decoded, headers lower-cased and joined. */
export interface SeenRequest {
  readonly parameter: string | undefined;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

/** True when a command route must accept the request's input (its outcome is then the domain's). */
export function acceptableInput(contract: CommandContract, request: SeenRequest): boolean {
  if (contract.parameter && !IDENTIFIER.test(request.parameter ?? '')) return false;
  const ifMatch = request.headers.get('if-match');
  if (ifMatch !== undefined && !VERSION_ETAG.test(ifMatch.trim())) return false;
  const key = request.headers.get('idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key.trim())) return false;
  if (!contract.body || (contract.bodyOptional && request.body.length === 0)) return true;
  return acceptableBody(contract.body, request);
}

function acceptableBody(check: BodyCheck, request: SeenRequest): boolean {
  const [mediaType = '', ...parameters] = (request.headers.get('content-type') ?? '').split(';');
  if (!JSON_MEDIA_TYPE.test(mediaType.trim().toLowerCase())) return false;
  const charsetOk = parameters.every((parameter) => {
    const [name = '', value = ''] = parameter.split('=').map((part) => part.trim().toLowerCase());
    return name !== 'charset' || value.replaceAll('"', '') === 'utf-8';
  });
  if (!charsetOk || request.body.length > MAX_BODY_BYTES) return false;
  // JSON media types are text to API Gateway: the function gets the body decoded as UTF-8.
  const text = request.body.toString('utf8').replace(/^\uFEFF/, '');
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    return false;
  }
  return nesting(text) <= MAX_DEPTH && check(value);
}

/** The deepest nesting of a valid JSON text (iterative: a hostile body may nest 30,000 deep). */
function nesting(text: string): number {
  let deepest = 0;
  let current = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '[' || char === '{') deepest = Math.max(deepest, ++current);
    else if (char === ']' || char === '}') current -= 1;
  }
  return deepest;
}

/** Path parameters as the gateway decodes them (an undecodable segment is passed on as sent). */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
