// The functions of the system: routes, event source mappings, schedules, and what each touches.
// Part of infra/topology (index.ts says what it is for).
import { Scope } from '../../functions/platform/scopes';
import {
  HTTP_TIMEOUT,
  NONE,
  command,
  handlerOf,
  history,
  indexer,
  projection,
  publicRoute,
  query,
  reactor,
  services,
} from './builders';
import type { FunctionSpec } from './specs';
import { tables } from './storage';

const allState = Object.values(services).flatMap((service) => service.state);
// The recovery function finds heads with a pending outbox through the heads' index.
const allHeads = allState.filter((key) => tables[key].kind === 'heads');

export const functions: readonly FunctionSpec[] = [
  command('order', 'placeOrder', 'POST', '/orders'),
  query('order', 'getOrder', '/orders/{orderId}'),
  history('order', 'getOrderEvents', '/orders/{orderId}/events'),
  {
    ...NONE,
    name: 'listOrders',
    handler: handlerOf('order', 'listOrders'),
    http: { method: 'GET', path: '/orders' },
    timeout: HTTP_TIMEOUT,
    reads: ['orderViews', 'projectionVersions'],
    queries: ['orderViews'],
  },
  command('order', 'submitPayment', 'POST', '/orders/{orderId}/payments'),
  command('order', 'fulfilOrder', 'POST', '/orders/{orderId}/fulfilment'),
  command('order', 'cancelOrder', 'POST', '/orders/{orderId}/cancellation'),
  {
    ...command('inventory', 'restockInventory', 'POST', '/inventory/{sku}/restocks'),
    scopes: [Scope.InventoryWrite],
  },
  query('inventory', 'getInventory', '/inventory/{sku}'),
  history('inventory', 'getInventoryEvents', '/inventory/{sku}/events'),
  command('payment', 'depositFunds', 'POST', '/accounts/{customerId}/deposits'),
  query('payment', 'getAccount', '/accounts/{customerId}'),
  history('payment', 'getAccountEvents', '/accounts/{customerId}/events'),
  publicRoute('getOpenApi', '/openapi.json'),
  publicRoute('health', '/health'),
  indexer('order', 'indexOrders'),
  indexer('inventory', 'indexInventory'),
  indexer('payment', 'indexPayments'),
  projection('order', 'projectOrders', 'projectOrders'),
  reactor('order', 'orderReactsToInventory', 'reactToInventory', 'inventory'),
  reactor('order', 'orderReactsToPayments', 'reactToPayments', 'payments'),
  projection('inventory', 'projectInventory', 'projectInventory'),
  reactor('inventory', 'inventoryReactsToOrders', 'reactToOrders', 'orders'),
  projection('payment', 'projectAccounts', 'projectAccounts'),
  reactor('payment', 'paymentReactsToOrders', 'reactToOrders', 'orders'),
  {
    name: 'recoverPending',
    handler: handlerOf('platform', 'recoverPending'),
    schedule: 'rate(1 minute)',
    // Below the one-minute rate, so runs never overlap.
    timeout: 50,
    reads: allHeads,
    queries: allHeads,
    writes: allState,
    produces: Object.values(services).map((service) => service.topic),
    transactional: true,
  },
];
