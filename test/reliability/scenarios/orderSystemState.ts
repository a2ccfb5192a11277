import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoHeadStore } from '../../../lib/heads/dynamoHeadStore';
import type { AggregateHead } from '../../../lib/heads/headStore';
import type { Snapshot } from '../../../lib/snapshots/snapshotStore';
import { DynamoSnapshotStore } from '../../../lib/snapshots/dynamoSnapshotStore';
import type { InventoryState } from '../../../functions/inventory/domain/inventoryState';
import type { InventoryView } from '../../../functions/inventory/projection/inventoryView';
import type { OrderState } from '../../../functions/order/domain/orderState';
import type { OrderView } from '../../../functions/order/projection/orderView';
import type { PaymentState } from '../../../functions/payment/domain/paymentState';
import type { AccountView } from '../../../functions/payment/projection/accountView';

/** One command of the workload, and what it should leave behind once acknowledged. */
export interface Command {
  readonly path: string;
  readonly body: unknown;
  readonly target: string;
  readonly amount: number;
}
export type OrderLine = { sku: string; quantity: number; unitPrice: number };

/** Restocks and deposits on a few skus and accounts, and two-line orders over those skus. */
export function orderWorkload(
  run: string,
  sizes: { skus: number; accounts: number; each: number; orders: number },
) {
  const skus = Array.from({ length: sizes.skus }, (_, i) => `${run}-sku-${i}`);
  const accounts = Array.from({ length: sizes.accounts }, (_, i) => `${run}-cust-${i}`);
  const repeat = (
    targets: string[],
    path: (t: string) => string,
    field: string,
    base: (i: number) => number,
  ) =>
    targets.flatMap((target, i) =>
      Array.from({ length: sizes.each }, (_, n) => {
        const amount = base(i) + n;
        return { path: path(target), body: { [field]: amount }, target, amount };
      }),
    );
  const restocks = repeat(
    skus,
    (s) => `/inventory/${s}/restocks`,
    'quantity',
    (i) => 50 + i,
  );
  const deposits = repeat(
    accounts,
    (a) => `/accounts/${a}/deposits`,
    'amount',
    (i) => 100 * (i + 1),
  );
  const orders: Command[] = Array.from({ length: sizes.orders }, (_, i) => {
    const items: OrderLine[] = [0, 1].map((line) => ({
      sku: skus[(i + line) % skus.length]!,
      quantity: 1 + ((i + line) % 3),
      unitPrice: 250,
    }));
    return {
      path: '/orders',
      body: { customerId: accounts[i % accounts.length]!, items },
      target: '',
      amount: 0,
    };
  });
  return { skus, accounts, restocks, deposits, orders };
}

export type Workload = ReturnType<typeof orderWorkload>;

/** The commands that were acknowledged, orders with the id they were given. */
export interface Acknowledged {
  readonly restocks: Command[];
  readonly deposits: Command[];
  readonly orders: (Command & { id: string })[];
}

export interface Verdict {
  lost: number;
  duplicated: number;
  mismatches: string[];
}

/** The heads and read models of the local system's three services, read with a client of our own. */
export function orderSystemStores(client: DynamoDBClient, env: NodeJS.ProcessEnv) {
  const views = <Doc extends object>(tableName: string) =>
    new DynamoSnapshotStore<Doc>({ client, tableName });
  return {
    heads: {
      inventory: new DynamoHeadStore<InventoryState>(client, env.INVENTORY_HEADS_TABLE!),
      accounts: new DynamoHeadStore<PaymentState>(client, env.ACCOUNT_HEADS_TABLE!),
      orders: new DynamoHeadStore<OrderState>(client, env.ORDER_HEADS_TABLE!),
    },
    views: {
      inventory: views<InventoryView>(env.INVENTORY_VIEWS_TABLE!),
      accounts: views<AccountView>(env.ACCOUNT_VIEWS_TABLE!),
      orders: views<OrderView>(env.ORDER_VIEWS_TABLE!),
    },
  };
}

type Stores = ReturnType<typeof orderSystemStores>;
const ofTarget = (commands: readonly Command[], target: string) =>
  commands.filter((c) => c.target === target);
const total = (commands: readonly Command[]) => commands.reduce((sum, c) => sum + c.amount, 0);

/**
 * Every acknowledged command applied exactly once — deposits make the balance, restocks and the
 * orders' reservations the stock — and every read model equal to its head.
 */
export async function verifyOrderSystem(
  stores: Stores,
  load: Workload,
  acked: Acknowledged,
): Promise<Verdict> {
  const verdict: Verdict = { lost: 0, duplicated: 0, mismatches: [] };
  await verifyAccounts(stores, load, acked, verdict);
  await verifyInventory(stores, load, acked, verdict);
  await verifyOrders(stores, acked, verdict);
  return verdict;
}

function expectVersion(verdict: Verdict, id: string, expected: number, actual: number | undefined): void {
  verdict.lost += Math.max(0, expected - (actual ?? 0));
  verdict.duplicated += Math.max(0, (actual ?? 0) - expected);
  if (actual !== expected) verdict.mismatches.push(`${id}: version ${actual} ≠ ${expected}`);
}

async function verifyAccounts(stores: Stores, load: Workload, acked: Acknowledged, verdict: Verdict) {
  const views = await stores.views.accounts.getMany(load.accounts, { consistent: true });
  for (const id of load.accounts) {
    const head = await stores.heads.accounts.read(id);
    const view = views.get(id);
    expectVersion(verdict, id, ofTarget(acked.deposits, id).length, head?.version);
    if (head?.state.balance !== total(ofTarget(acked.deposits, id)))
      verdict.mismatches.push(`${id}: balance`);
    if (view?.version !== head?.version || view?.doc.balance !== head?.state.balance)
      verdict.mismatches.push(`${id}: view ≠ head`);
  }
}

async function verifyInventory(stores: Stores, load: Workload, acked: Acknowledged, verdict: Verdict) {
  const lines = acked.orders.flatMap((order) => (order.body as { items: OrderLine[] }).items);
  const views = await stores.views.inventory.getMany(load.skus, { consistent: true });
  for (const sku of load.skus) {
    const head = await stores.heads.inventory.read(sku);
    const ordered = lines.filter((line) => line.sku === sku);
    expectVersion(verdict, sku, ofTarget(acked.restocks, sku).length + ordered.length, head?.version);
    const restocked = total(ofTarget(acked.restocks, sku));
    verdict.mismatches.push(...stockProblems(sku, head, views.get(sku), restocked, ordered));
  }
}

/** Stock is conserved (available + reserved = restocked; reserved = ordered), and the view shows the head. */
function stockProblems(
  sku: string,
  head: AggregateHead<InventoryState> | undefined,
  view: Snapshot<InventoryView> | undefined,
  restocked: number,
  ordered: readonly OrderLine[],
): string[] {
  const state = head?.state ?? { available: 0, reserved: 0 };
  const reserved = ordered.reduce((sum, line) => sum + line.quantity, 0);
  const problems: string[] = [];
  if (state.available + state.reserved !== restocked || state.reserved !== reserved)
    problems.push(`${sku}: stock`);
  const shown = { version: view?.version, available: view?.doc.available, reserved: view?.doc.reserved };
  const truth = { version: head?.version, available: state.available, reserved: state.reserved };
  if (JSON.stringify(shown) !== JSON.stringify(truth)) problems.push(`${sku}: view ≠ head`);
  return problems;
}

async function verifyOrders(stores: Stores, acked: Acknowledged, verdict: Verdict): Promise<void> {
  const ids = acked.orders.map((order) => order.id);
  verdict.duplicated += ids.length - new Set(ids).size;
  const views = await stores.views.orders.getMany(ids, { consistent: true });
  for (const id of ids) {
    const head = await stores.heads.orders.read(id);
    if (!head) verdict.lost += 1;
    // Both lines reserved (stock is ample), no payment yet: every order waits in PAYMENT.
    if (head?.state.status !== 'PAYMENT') verdict.mismatches.push(`${id}: ${head?.state.status}`);
    const view = views.get(id);
    if (view?.version !== head?.version || view?.doc.status !== head?.state.status)
      verdict.mismatches.push(`${id}: view ≠ head`);
  }
}
