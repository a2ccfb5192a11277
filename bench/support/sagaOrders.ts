import { isProjectionFunction, type FunctionSpec } from '../../infra/topology';
import type { MskEventSourceStats } from '../../lib/local/mskEventSource';
import { nowMs } from '../stats';

/**
 * A one-line order is in PAYMENT at version 3: OrderPlaced (1), then, in the order reactor's one
 * transaction, OrderLineReserved (2) and OrderReserved (3).
 */
export const PAYMENT_VERSION = 3;

/** One order through the saga, as a client over HTTP sees it. */
export interface SagaSample {
  /** POST /orders sent → its 201. */
  readonly commandMs: number;
  /** The 201 → GET /orders/{id}?minVersion=3 answering 200 in PAYMENT. */
  readonly paymentMs: number;
  /** 503s (minVersion waited its 2 s) before that 200. */
  readonly retries: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

async function post(url: string, body: object): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Stock for every sku and funds for every customer the orders use (the runtime is open: no tokens). */
export async function seedSaga(base: string, skus: readonly string[], customers: readonly string[]) {
  for (const sku of skus) await post(`${base}/inventory/${sku}/restocks`, { quantity: 1_000_000 });
  for (const customer of customers) await post(`${base}/accounts/${customer}/deposits`, { amount: 1e9 });
}

/**
 * Places an order, then reads it with `minVersion` — what the README's walkthrough does — until it
 * answers 200 in PAYMENT. A 503 (the read model still behind after 2 s) is asked again at once.
 */
export async function placeAndAwaitPayment(
  base: string,
  customerId: string,
  sku: string,
): Promise<SagaSample> {
  const sent = nowMs();
  const placed = await post(`${base}/orders`, { customerId, items: [{ sku, quantity: 1, unitPrice: 100 }] });
  const acked = nowMs();
  const orderId = placed.body.orderId;
  if (placed.status !== 201 || typeof orderId !== 'string')
    throw new Error(`POST /orders answered ${placed.status}: ${JSON.stringify(placed.body)}`);
  for (let retries = 0; ; retries += 1) {
    const response = await fetch(`${base}/orders/${orderId}?minVersion=${PAYMENT_VERSION}`);
    const body = (await response.json()) as { status?: string };
    if (response.status === 200 && body.status === 'PAYMENT')
      return { commandMs: acked - sent, paymentMs: nowMs() - acked, retries };
    if (response.status !== 503 || retries >= 10)
      throw new Error(`GET /orders/${orderId} answered ${response.status}: ${JSON.stringify(body)}`);
  }
}

export type ConsumerRole = 'reactor' | 'projection' | 'indexer';

export function roleOf(spec: FunctionSpec): ConsumerRole {
  if (spec.handler.endsWith('indexEvents.handler')) return 'indexer';
  return isProjectionFunction(spec) ? 'projection' : 'reactor';
}

/** Invocations and records per role between two `consumerStats()` readings. */
export function statsByRole(
  specs: readonly FunctionSpec[],
  before: Record<string, MskEventSourceStats>,
  after: Record<string, MskEventSourceStats>,
): Record<ConsumerRole, { invocations: number; records: number }> {
  const totals = {
    reactor: { invocations: 0, records: 0 },
    projection: { invocations: 0, records: 0 },
    indexer: { invocations: 0, records: 0 },
  };
  for (const spec of specs.filter((each) => each.msk)) {
    const total = totals[roleOf(spec)];
    total.invocations += (after[spec.name]?.invocations ?? 0) - (before[spec.name]?.invocations ?? 0);
    total.records += (after[spec.name]?.records ?? 0) - (before[spec.name]?.records ?? 0);
  }
  return totals;
}
