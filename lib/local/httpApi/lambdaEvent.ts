import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteMatch } from './routes';

/** What the emulator knows about the request, independent of `node:http`. */
export interface IncomingRequest {
  method: string;
  /** The request target as received: `/orders/o%201?x=1`. */
  url: string;
  httpVersion: string;
  /** Names and values alternating, as `IncomingMessage.rawHeaders`. */
  rawHeaders: readonly string[];
  sourceIp: string;
  localPort: number;
  body: Buffer;
}

/** The identity of the emulated API, as it appears in `requestContext`. */
export interface ApiIdentity {
  accountId: string;
  apiId: string;
}

// API Gateway drops hop-by-hop headers and re-frames the body with a content-length.
const DROPPED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);
const TEXT_MEDIA_TYPES = new Set([
  'application/json',
  'application/xml',
  'application/javascript',
  'application/x-www-form-urlencoded',
]);

/**
 * Builds the payload format 2.0 event API Gateway would send for this request: lower-case header
 * names with repeated headers comma-joined, the `cookie` header moved to `cookies`, query values
 * URL-decoded and comma-joined per name, optional members absent when empty, and the body base64
 * encoded unless its content type is text.
 *
 * @example
 * const event = buildEvent(incoming, matchRoute(routes, 'POST', '/orders/o-1')!, { accountId, apiId });
 */
export function buildEvent(
  request: IncomingRequest,
  match: RouteMatch,
  api: ApiIdentity,
  now = new Date(),
): APIGatewayProxyEventV2 {
  const [rawPath = '/', rawQueryString = ''] = splitTarget(request.url);
  const { headers, cookies } = collectHeaders(request);
  const host = headers.host ?? `${api.apiId}.execute-api.localhost`;
  const requestId = randomBytes(11).toString('base64');
  const isBase64Encoded = request.body.length > 0 && !isText(headers['content-type']);
  const routeKey = match.route.routeKey;
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...optional('queryStringParameters', queryParameters(rawQueryString)),
    requestContext: {
      accountId: api.accountId,
      apiId: api.apiId,
      // AWS never shows a port here; locally it is kept so that absolute URLs built from it work.
      domainName: host,
      domainPrefix: host.split(/[.:]/)[0] ?? host,
      http: {
        method: request.method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    ...optional('pathParameters', match.pathParameters),
    ...(request.body.length > 0 && { body: request.body.toString(isBase64Encoded ? 'base64' : 'utf8') }),
    isBase64Encoded,
  };
  return event;
}

/**
 * The format of `requestContext.time`.
 *
 * @example
 * clfTime(new Date('2026-11-29T22:29:45Z')); // '29/Nov/2026:22:29:45 +0000'
 */
export function clfTime(date: Date): string {
  const [, day = '', month = '', year = '', clock = ''] = date.toUTCString().split(' ');
  return `${day}/${month}/${year}:${clock} +0000`;
}

/**
 * Text bodies reach the function as strings; everything else (and no content type) as base64.
 *
 * @example
 * isText('application/problem+json'); // true
 * isText('image/png'); // false
 */
export function isText(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    mediaType.startsWith('text/') ||
    TEXT_MEDIA_TYPES.has(mediaType) ||
    /^application\/[^/]+\+json$/.test(mediaType)
  );
}

function splitTarget(url: string): [string, string] {
  const index = url.indexOf('?');
  return index === -1 ? [url, ''] : [url.slice(0, index), url.slice(index + 1)];
}

function collectHeaders(request: IncomingRequest): { headers: Record<string, string>; cookies: string[] } {
  const values = new Map<string, string[]>();
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    const name = (request.rawHeaders[index] ?? '').toLowerCase();
    if (DROPPED_HEADERS.has(name)) continue;
    values.set(name, [...(values.get(name) ?? []), request.rawHeaders[index + 1] ?? '']);
  }
  const cookies = (values.get('cookie') ?? []).flatMap((header) =>
    header.split(';').map((part) => part.trim()),
  );
  values.delete('cookie');
  const forwardedFor = values.get('x-forwarded-for');
  values.set('x-forwarded-for', [...(forwardedFor ?? []), request.sourceIp]);
  values.set('x-forwarded-port', [String(request.localPort)]);
  values.set('x-forwarded-proto', ['http']);
  values.set('x-amzn-trace-id', [traceId()]);
  if (request.body.length > 0) values.set('content-length', [String(request.body.length)]);
  // Object.fromEntries defines own properties, so a header called __proto__ stays a plain header.
  const headers = Object.fromEntries([...values].map(([name, list]) => [name, list.join(',')]));
  return { headers, cookies: cookies.filter((cookie) => cookie !== '') };
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const values = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return Object.fromEntries([...values].map(([name, list]) => [name, list.join(',')]));
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function traceId(): string {
  return `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}
