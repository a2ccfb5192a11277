import type { HostileRequest, QueryTargets } from './arbitraries';

/**
 * Well-formed requests by another customer on the owner's order, account and sku, cycling through
 * every route that reads or acts on them: each must be refused (403 for a role it lacks, 404 for
 * what is someone else's, 503 when a read-your-writes wait treats it as missing) and write nothing.
 */
export function foreignRequests(targets: QueryTargets, count: number, token: string): HostileRequest[] {
  const { orderId, customerId, sku } = targets;
  const line = { sku, quantity: 1, unitPrice: 100 };
  const templates: [method: string, path: string, body?: unknown][] = [
    ['POST', `/orders/${orderId}/cancellation`],
    ['POST', `/orders/${orderId}/payments`, { amount: 100 }],
    ['POST', `/orders/${orderId}/fulfilment`],
    ['POST', `/accounts/${customerId}/deposits`, { amount: 1 }],
    ['POST', '/orders', { customerId, items: [line] }],
    ['POST', `/inventory/${sku}/restocks`, { quantity: 1 }],
    ['GET', `/orders/${orderId}`],
    ['GET', `/orders?customerId=${customerId}`],
    ['GET', `/accounts/${customerId}`],
    ['GET', `/accounts/${customerId}?minVersion=1`],
    ['GET', `/orders/${orderId}/events`],
    ['GET', `/orders/${orderId}?version=1`],
    ['GET', `/accounts/${customerId}/events`],
    ['GET', `/accounts/${customerId}?at=2026-01-01T00:00:00Z`],
    ['GET', `/inventory/${sku}/events`],
  ];
  return Array.from({ length: count }, (_, index) => {
    const [method, path, body] = templates[index % templates.length]!;
    const headers: [string, string][] = [['authorization', `Bearer ${token}`]];
    if (body !== undefined) headers.push(['content-type', 'application/json']);
    // Every other one carries an Idempotency-Key: keys are the caller's own, never the owner's.
    if (index % 2 === 1) headers.push(['idempotency-key', `foreign-${index}`]);
    return {
      kind: 'foreign',
      method,
      path,
      headers,
      body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
    };
  });
}
