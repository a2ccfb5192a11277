import fc from 'fast-check';
import { COMMANDS, acceptableInput, decodeSegment, type CommandContract } from './contract';
import {
  VALID_BODIES,
  bodyArbitrary,
  cleanHeaders,
  contentType,
  extraHeader,
  headersArbitrary,
  idempotencyKey,
  ifMatch,
  query,
  rawBody,
  segment,
} from './hostileValues';

/** One request exactly as it goes on the wire (raw path, raw header pairs, body bytes). */
export interface HostileRequest {
  /** `foreign`: a well-formed request by another customer on the targets, which must be refused. */
  readonly kind: 'command' | 'query' | 'routing' | 'foreign';
  readonly method: string;
  readonly path: string;
  readonly headers: readonly [string, string][];
  readonly body: Buffer;
  readonly contract?: CommandContract;
}

/** The read routes, and ids the seed data made real (so some queries find something). */
export interface QueryTargets {
  readonly orderId: string;
  readonly sku: string;
  readonly customerId: string;
}

const DIMENSIONS = ['path', 'contentType', 'ifMatch', 'idempotencyKey', 'body'] as const;
const identifier = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,24}$/);

/** A valid request with one or two of its parts made hostile: the refusal of each part on its own. */
function focusedCommand(): fc.Arbitrary<HostileRequest & { contract: CommandContract }> {
  const choice = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.record({ good, bad });
  return fc
    .record(
      {
        contract: fc.constantFrom(...COMMANDS),
        corrupt: fc.subarray([...DIMENSIONS], { minLength: 1, maxLength: 2 }),
        id: choice(identifier, segment),
        type: choice(
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-8',
            'application/merge-patch+json',
          ),
          contentType,
        ),
        ifMatch: choice(fc.option(fc.nat({ max: 50 }).map((n) => `"${n}"`)), ifMatch),
        key: choice(fc.option(fc.uuid()), idempotencyKey),
        search: fc.option(query, { freq: 4 }),
        extra: fc.array(extraHeader, { maxLength: 2 }),
      },
      { noNullPrototype: true },
    )
    .chain((r) =>
      bodyArbitrary(r.contract.path).map((badBody) => {
        const pick = <T>(dimension: (typeof DIMENSIONS)[number], value: { good: T; bad: T }) =>
          r.corrupt.includes(dimension) ? value.bad : value.good;
        const headers: [string, string][] = [['Content-Type', pick('contentType', r.type)]];
        const ifMatchValue = pick('ifMatch', r.ifMatch);
        const keyValue = pick('idempotencyKey', r.key);
        if (ifMatchValue !== null) headers.push(['If-Match', ifMatchValue]);
        if (keyValue !== null) headers.push(['Idempotency-Key', keyValue]);
        const validBody = Buffer.from(
          r.contract.body ? JSON.stringify(VALID_BODIES[r.contract.path]) : '',
          'utf8',
        );
        const path =
          r.contract.path.replace(/\{[^}]+\}/, pick('path', r.id)) + (r.search ? `?${r.search}` : '');
        const body = r.corrupt.includes('body') ? badBody : validBody;
        return {
          kind: 'command' as const,
          method: 'POST',
          path,
          headers: [...headers, ...cleanHeaders(r.extra)],
          body,
          contract: r.contract,
        };
      }),
    );
}

/** Everything hostile at once. */
function wildCommand(): fc.Arbitrary<HostileRequest & { contract: CommandContract }> {
  return fc
    .tuple(fc.constantFrom(...COMMANDS), segment, fc.option(query, { freq: 4 }), headersArbitrary(true))
    .chain(([contract, id, search, headers]) =>
      bodyArbitrary(contract.path).map((body) => {
        const path = contract.path.replace(/\{[^}]+\}/, id) + (search ? `?${search}` : '');
        return { kind: 'command' as const, method: 'POST', path, headers, body, contract };
      }),
    );
}

/** Requests to the command routes whose input the contract refuses. */
export function commandRequest(): fc.Arbitrary<HostileRequest> {
  return fc
    .oneof({ arbitrary: focusedCommand(), weight: 3 }, { arbitrary: wildCommand(), weight: 1 })
    .filter((request) => !acceptableInput(request.contract, seen(request)));
}

/** Requests to the read routes, anything goes (a valid positive minVersion aside). */
export function queryRequest(targets: QueryTargets): fc.Arbitrary<HostileRequest> {
  const id = fc.oneof(
    { arbitrary: segment, weight: 4 },
    { arbitrary: fc.constantFrom(targets.orderId, targets.sku, targets.customerId), weight: 1 },
  );
  const paths = fc.oneof(
    id.map((x) => `/orders/${x}`),
    id.map((x) => `/inventory/${x}`),
    id.map((x) => `/accounts/${x}`),
    id.map((x) => `/orders/${x}/events`),
    id.map((x) => `/inventory/${x}/events`),
    id.map((x) => `/accounts/${x}/events`),
    fc.constant('/orders'),
    fc.constantFrom('/openapi.json', '/health'),
  );
  return fc
    .tuple(paths, fc.option(query, { freq: 2 }), headersArbitrary(false), fc.option(rawBody, { freq: 8 }))
    .map(([path, search, headers, body]) => ({
      kind: 'query' as const,
      method: 'GET',
      path: path === '/orders' && !search ? '/orders?customerId=c-1' : path + (search ? `?${search}` : ''),
      headers,
      body: Buffer.from(body ?? '', 'utf8'),
    }));
}

/** Methods no route has, paths no route matches, traversal: API Gateway's own 404. */
export function routingRequest(): fc.Arbitrary<HostileRequest> {
  const path = fc.oneof(
    fc.constantFrom(
      '/',
      '//orders',
      '/orders/',
      '/ORDERS',
      '/orders/a/b/c',
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/orders/..',
      '/health/',
      '/openapi.json/x',
    ),
    fc.array(segment, { minLength: 1, maxLength: 5 }).map((segments) => `/${segments.join('/')}`),
  );
  return fc
    .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'), path, headersArbitrary(false))
    .map(([method, target, headers]) => ({
      kind: 'routing' as const,
      method,
      path: target,
      headers,
      body: Buffer.alloc(0),
    }));
}

/** What the function would see of a command request: the decoded parameter and joined headers. */
export function seen(request: HostileRequest & { contract: CommandContract }) {
  const template = request.contract.path.split('/');
  const raw = request.path.split('?')[0]!.split('/');
  const index = template.findIndex((part) => part.startsWith('{'));
  const headers = new Map<string, string>();
  for (const [name, value] of request.headers) {
    const key = name.toLowerCase();
    const trimmed = value.trim(); // the HTTP parser drops surrounding whitespace
    headers.set(key, headers.has(key) ? `${headers.get(key)},${trimmed}` : trimmed);
  }
  return {
    parameter: index >= 0 && raw.length === template.length ? decodeSegment(raw[index]!) : undefined,
    headers,
    body: request.body,
  };
}
