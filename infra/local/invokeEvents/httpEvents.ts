import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  buildEvent,
  compileRoutes,
  matchRoute,
  withClaims,
  type JwtClaims,
} from '../../../lib/local/httpApi';
import { Scope } from '../../../functions/platform/scopes';
import type { FunctionSpec } from '../../topology';
import { EXAMPLE_TIME, type ExampleIds } from './examples';

/** One request of an example: what a person would send with curl. */
interface ExampleRequest {
  readonly target: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** What API Gateway's JWT authorizer vouched for; absent on the public routes. */
  readonly claims?: JwtClaims;
}

const clerk: JwtClaims = { sub: 'clerk-1', scope: Scope.InventoryWrite };

/** The README's order, route by route: a customer buys two of a sku, a clerk restocks it. */
function requestsFor({ orderId, sku, customerId }: ExampleIds): Readonly<Record<string, ExampleRequest>> {
  const customer: JwtClaims = { sub: customerId };
  return {
    placeOrder: {
      target: '/orders',
      // Named as well as signed: an open npm start (no LOCAL_JWT_SECRET) checks no token to take it from.
      body: { customerId, items: [{ sku, quantity: 2, unitPrice: 1500 }] },
      headers: { 'idempotency-key': 'example-order-1' },
      claims: customer,
    },
    getOrder: { target: `/orders/${orderId}`, claims: customer },
    getOrderEvents: { target: `/orders/${orderId}/events`, claims: customer },
    listOrders: { target: `/orders?customerId=${customerId}`, claims: customer },
    submitPayment: { target: `/orders/${orderId}/payments`, body: { amount: 3000 }, claims: customer },
    fulfilOrder: { target: `/orders/${orderId}/fulfilment`, claims: customer },
    cancelOrder: {
      target: `/orders/${orderId}/cancellation`,
      body: { reason: 'changed my mind' },
      claims: customer,
    },
    restockInventory: { target: `/inventory/${sku}/restocks`, body: { quantity: 10 }, claims: clerk },
    getInventory: { target: `/inventory/${sku}`, claims: clerk },
    getInventoryEvents: { target: `/inventory/${sku}/events`, claims: clerk },
    depositFunds: { target: `/accounts/${customerId}/deposits`, body: { amount: 5000 }, claims: customer },
    getAccount: { target: `/accounts/${customerId}`, claims: customer },
    getAccountEvents: { target: `/accounts/${customerId}/events`, claims: customer },
    getOpenApi: { target: '/openapi.json' },
    health: { target: '/health' },
  };
}

const API = { accountId: '123456789012', apiId: 'r2d2c3p0xy' };
const epochHex = Math.floor(Date.parse(EXAMPLE_TIME) / 1000).toString(16);
const TRACE_ID = `Root=1-${epochHex}-${'0'.repeat(23)}1`;

/**
 * The HTTP API (payload 2.0) event of a route's example request, built by the local API Gateway
 * emulator's own code, so that invoke local sees what `npm start` and AWS pass the handler.
 */
export function httpEvent(spec: FunctionSpec, ids: ExampleIds): APIGatewayProxyEventV2 {
  const request = requestsFor(ids)[spec.name];
  if (!spec.http || !request) throw new Error(`no example request for the HTTP function ${spec.name}`);
  const { method, path } = spec.http;
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  const headers = {
    host: `${API.apiId}.execute-api.eu-west-1.amazonaws.com`,
    'user-agent': 'curl/8.5.0',
    ...(body
      ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
      : {}),
    ...request.headers,
  };
  const routes = compileRoutes([{ method, path, functionName: spec.name, handler: () => undefined }]);
  const match = matchRoute(routes, method, request.target.split('?')[0]!);
  if (!match) throw new Error(`${spec.name}: ${request.target} does not match ${method} ${path}`);
  const incoming = {
    method,
    url: request.target,
    httpVersion: '1.1',
    rawHeaders: Object.entries(headers).flat(),
    sourceIp: '203.0.113.7',
    localPort: 443,
    body: Buffer.from(body),
  };
  const built = buildEvent(incoming, match, API, new Date(EXAMPLE_TIME));
  // What the emulator makes up per request, fixed here so the files can be regenerated unchanged.
  const event = {
    ...built,
    headers: { ...built.headers, 'x-forwarded-proto': 'https', 'x-amzn-trace-id': TRACE_ID },
    requestContext: { ...built.requestContext, requestId: `example-${spec.name}` },
  };
  return request.claims ? withClaims(event, request.claims) : event;
}
