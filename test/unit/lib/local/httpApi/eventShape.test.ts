import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import {
  httpHandler,
  idempotencyKey,
  jsonResponse,
  parseJsonBody,
  parsePathParameter,
} from '../../../../../lib/http';
import { startHttpApi, type HttpApi } from '../../../../../lib/local/httpApi';

const recorded = JSON.parse(
  readFileSync(join(__dirname, '../../../../fixtures/apigw/postOrder.json'), 'utf8'),
) as APIGatewayProxyEventV2;

/** The same tree with every leaf replaced by its type: what must match, ids and times aside. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, shapeOf(member)]));
  }
  return typeof value;
}

const PlaceOrder = z.strictObject({
  items: z.array(z.strictObject({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
  currency: z.enum(['EUR', 'USD']),
});

let seen: APIGatewayProxyEventV2 | undefined;
let api: HttpApi;

beforeAll(async () => {
  // A route written the way functions/ will write them: parse → (lib) → respond.
  const placeOrder = httpHandler(async (event) => {
    seen = event;
    const orderId = parsePathParameter(event, 'orderId');
    const command = parseJsonBody(event, PlaceOrder);
    const key = idempotencyKey(event);
    return Promise.resolve(
      jsonResponse(201, { orderId, key, ...command }, { etag: 1, location: `/orders/${orderId}` }),
    );
  });
  api = await startHttpApi({ routes: [{ method: 'POST', path: '/orders/{orderId}', handler: placeOrder }] });
});

afterAll(() => api.stop());

function postOrder(headers: Record<string, string>, body = recorded.body): Promise<Response> {
  return fetch(`${api.url}${recorded.rawPath}?${recorded.rawQueryString}`, {
    method: 'POST',
    headers: { cookie: 'session=abc123; theme=dark', ...headers },
    body,
  });
}

describe('the emulated event', () => {
  it('has the shape of a recorded API Gateway event, and the same request facts', async () => {
    const response = await postOrder({
      accept: 'application/json',
      'content-type': 'application/json',
      'idempotency-key': '8e03978e-40d5-43e8-bc93-6894a57f9324',
      'user-agent': 'curl/8.5.0',
    });
    expect(response.status).toBe(201);
    const event = seen!;

    const { headers: recordedHeaders, ...recordedRest } = recorded;
    const { headers, ...rest } = event;
    expect(shapeOf(rest)).toEqual(shapeOf(recordedRest));
    expect(Object.keys(headers)).toEqual(expect.arrayContaining(Object.keys(recordedHeaders)));
    for (const name of ['accept', 'content-length', 'content-type', 'idempotency-key', 'user-agent']) {
      expect(headers[name]).toBe(recordedHeaders[name]);
    }
    for (const member of [
      'version',
      'routeKey',
      'rawPath',
      'rawQueryString',
      'cookies',
      'body',
      'isBase64Encoded',
    ] as const) {
      expect(event[member]).toEqual(recorded[member]);
    }
    expect(event.queryStringParameters).toEqual(recorded.queryStringParameters);
    expect(event.pathParameters).toEqual(recorded.pathParameters);
    expect(event.requestContext).toMatchObject({
      http: { ...recorded.requestContext.http, sourceIp: '127.0.0.1' },
      routeKey: recorded.requestContext.routeKey,
      stage: '$default',
    });
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(60_000);
  });

  it('carries lib/http results back to the client unchanged', async () => {
    const response = await postOrder({ 'content-type': 'application/json' });
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('location')).toBe('/orders/o-1');
    expect(await response.json()).toEqual({
      orderId: 'o-1',
      items: [{ sku: 'SKU-1', quantity: 2 }],
      currency: 'EUR',
    });
  });

  it('carries problem+json errors back with their status', async () => {
    const response = await postOrder({ 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 415,
      requestId: response.headers.get('apigw-requestid'),
    });
  });
});
