import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Caller } from '../../../lib/auth/caller';
import type { HeadStore } from '../../../lib/heads/headStore';
import { headerValue } from '../../../lib/http/headers';
import { authorize, mayAccess, type Scopes } from '../../../lib/auth/policy';
import { notFound } from '../../../lib/errors/domainErrors';
import type { Snapshot } from '../../../lib/snapshots/snapshotStore';
import { Scope } from '../../platform/scopes';
import { initialOrderState, type OrderState } from '../domain/orderState';
import type { OrderView } from '../projection/orderView';

// Who may see and act on an order: its customer, or staff with orders:admin. To anyone else an
// order is missing — the same 404, word for word, as an order that does not exist.

/** The guard of every command on an existing order, checked on the head it is decided on. */
export function orderOwnedBy(caller: Caller, orderId: string): (state: OrderState) => void {
  return (state) =>
    authorize(caller, {
      owner: state.status === 'NONE' ? undefined : state.customerId,
      unless: Scope.OrdersAdmin,
      hidden: () => notFound('order', orderId),
    });
}

/**
 * Refuses someone else's order before anything is written. The guard inside the command refuses
 * before the command writes, but a request with an Idempotency-Key has its key recorded before the
 * command runs: for those, the head is read first (an order's customer never changes, so this
 * answer stands). Requests without a key cost no extra read.
 */
export async function refuseForeignOrder(
  caller: Caller,
  orderId: string,
  event: APIGatewayProxyEventV2,
  heads: HeadStore<OrderState>,
): Promise<void> {
  if (headerValue(event, 'idempotency-key') === undefined) return;
  orderOwnedBy(caller, orderId)((await heads.read(orderId))?.state ?? initialOrderState);
}

/**
 * Whether a snapshot of the order view is the caller's to see (`getSnapshot`'s `visible`): its
 * customer's, or staff's with `readers` (orders:admin; for history and past states ops too).
 */
export function orderVisibleTo(
  caller: Caller,
  readers: Scopes = Scope.OrdersAdmin,
): (snapshot: Snapshot<OrderView>) => boolean {
  return (snapshot) => mayAccess(caller, snapshot.doc.customerId, readers);
}
