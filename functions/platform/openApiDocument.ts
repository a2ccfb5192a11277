import * as z from 'zod';
import { buildOpenApi, type RouteDoc } from '../../lib/http/openApi';
import { historyQuery } from '../../lib/http/readQueries';
import { Scope } from './scopes';
import { accountBody, customerId, depositBody, getAccountQuery } from '../payment/http/paymentSchemas';
import { getInventoryQuery, inventoryBody, restockBody, sku } from '../inventory/http/inventorySchemas';
import {
  cancelOrderBody,
  getOrderQuery,
  listOrdersQuery,
  orderCommandResponseBody,
  orderIdPath,
  orderListBody,
  orderResponseBody,
  placeOrderBody,
  submitPaymentBody,
} from '../order/http/orderSchemas';

// Status codes every command route can answer besides its success: malformed or invalid input,
// no valid token, unknown aggregate (or someone else's), invalid transition, If-Match mismatch, body
// too large, not JSON, business rule, dependency down. 403: a staff role is missing.
const commandErrors = [400, 401, 404, 409, 412, 413, 415, 422, 503] as const;
const staffCommandErrors = [400, 401, 403, 409, 412, 413, 415, 422, 503] as const;
const queryErrors = [400, 401, 404, 503] as const;
const skuPath = z.strictObject({ sku });
const customerPath = z.strictObject({ customerId });

/** CloudEvents 1.0 in the structured JSON format, with the extension attributes of our records. */
const cloudEvent = z.looseObject({
  specversion: z.literal('1.0'),
  id: z.string(),
  source: z.string(),
  type: z.string(),
  time: z.string(),
  subject: z.string(),
  datacontenttype: z.literal('application/json'),
  dataschema: z
    .string()
    .optional()
    .describe('the schema of this version of the event type: one URI per version'),
  aggregatetype: z.string(),
  aggregateversion: z.number().int(),
  correlationid: z.string(),
  commandid: z.string(),
  causationid: z.string().optional(),
  data: z.unknown(),
});
const historyBody = z.object({ events: z.array(cloudEvent), nextFromVersion: z.number().int().optional() });

/** The events route of one aggregate type: its history read back from the log. */
const eventsRoute = (
  path: string,
  operationId: string,
  pathParameters: z.ZodObject,
  who: string,
): RouteDoc => ({
  method: 'get',
  path,
  operationId,
  summary: `Its events as CloudEvents, read back from the log (${who})`,
  pathParameters,
  query: historyQuery,
  responses: { 200: { description: 'A page of events, in version order', body: historyBody } },
  errors: [400, 401, 403, 404, 503],
});

const routes: RouteDoc[] = [
  {
    method: 'post',
    path: '/orders',
    operationId: 'placeOrder',
    summary: 'Place an order (status PURCHASING)',
    command: true,
    body: placeOrderBody,
    responses: { 201: { description: 'Placed', body: orderCommandResponseBody } },
    errors: commandErrors,
  },
  {
    method: 'get',
    path: '/orders',
    operationId: 'listOrders',
    summary: "A customer's orders, newest first, optionally of one status",
    query: listOrdersQuery,
    responses: { 200: { description: 'A page of orders', body: orderListBody } },
    errors: queryErrors,
  },
  {
    method: 'get',
    path: '/orders/{orderId}',
    operationId: 'getOrder',
    summary:
      'One order: now (minVersion waits for a version a command returned), or as it was (version or at, folded from the log)',
    pathParameters: orderIdPath,
    query: getOrderQuery,
    responses: { 200: { description: 'The order', body: orderResponseBody } },
    errors: queryErrors,
  },
  {
    method: 'post',
    path: '/orders/{orderId}/payments',
    operationId: 'submitPayment',
    summary: 'Pay the order total (in PAYMENT); Payment charges the account',
    command: true,
    pathParameters: orderIdPath,
    body: submitPaymentBody,
    responses: { 202: { description: 'Accepted for charging', body: orderCommandResponseBody } },
    errors: commandErrors,
  },
  {
    method: 'post',
    path: '/orders/{orderId}/fulfilment',
    operationId: 'fulfilOrder',
    summary: 'Fulfil a paid order (COMPLETED)',
    command: true,
    pathParameters: orderIdPath,
    responses: { 200: { description: 'Fulfilled', body: orderCommandResponseBody } },
    errors: commandErrors,
  },
  {
    method: 'post',
    path: '/orders/{orderId}/cancellation',
    operationId: 'cancelOrder',
    summary: 'Cancel an order before payment is captured',
    command: true,
    pathParameters: orderIdPath,
    body: cancelOrderBody,
    responses: { 200: { description: 'Cancelled', body: orderCommandResponseBody } },
    errors: commandErrors,
  },
  {
    method: 'post',
    path: '/inventory/{sku}/restocks',
    operationId: 'restock',
    summary: 'Add available units of a sku (scope inventory:write)',
    command: true,
    scopes: [Scope.InventoryWrite],
    pathParameters: skuPath,
    body: restockBody,
    responses: { 200: { description: 'Restocked', body: inventoryBody } },
    errors: staffCommandErrors,
  },
  {
    method: 'get',
    path: '/inventory/{sku}',
    operationId: 'getInventory',
    summary: 'Stock of a sku, now or as it was (version or at: ops, inventory:write)',
    pathParameters: skuPath,
    query: getInventoryQuery,
    responses: { 200: { description: 'Stock', body: inventoryBody } },
    errors: queryErrors,
  },
  {
    method: 'post',
    path: '/accounts/{customerId}/deposits',
    operationId: 'deposit',
    summary: "Deposit money on a customer's account",
    command: true,
    pathParameters: customerPath,
    body: depositBody,
    responses: { 200: { description: 'Deposited', body: accountBody } },
    errors: commandErrors,
  },
  {
    method: 'get',
    path: '/accounts/{customerId}',
    operationId: 'getAccount',
    summary: "A customer's balance, now or as it was (version or at)",
    pathParameters: customerPath,
    query: getAccountQuery,
    responses: { 200: { description: 'Account', body: accountBody } },
    errors: queryErrors,
  },
  eventsRoute('/orders/{orderId}/events', 'getOrderEvents', orderIdPath, 'its customer, ops, orders:admin'),
  eventsRoute('/inventory/{sku}/events', 'getInventoryEvents', skuPath, 'ops, inventory:write'),
  eventsRoute(
    '/accounts/{customerId}/events',
    'getAccountEvents',
    customerPath,
    'its customer, ops, orders:admin',
  ),
];

/** The OpenAPI 3.1 document of the whole HTTP API, generated from the handlers' own schemas. */
export const openApiDocument = buildOpenApi(
  {
    title: 'Kafka event sourcing reference: orders, inventory, payments',
    version: '1.0.0',
    description:
      'Every route takes a bearer JWT: a customer (the token sub) sees and acts on their own orders and account, ' +
      'staff roles are scopes (inventory:write, orders:admin). Commands accept Idempotency-Key and If-Match; ' +
      'errors are problem+json.',
  },
  routes,
);
