import { snapshotAsOf, type PointInTime } from '../../lib/queries/snapshotAsOf';
import type { Snapshot } from '../../lib/snapshots/snapshotStore';
import { inventoryView, type InventoryView } from '../inventory/projection/inventoryView';
import { orderView, type OrderView } from '../order/projection/orderView';
import { accountView, type AccountView } from '../payment/projection/accountView';
import { getAccountHistory, getInventoryHistory, getOrderHistory } from './history';

// Past states are folded from the log with each read model's own projection. The histories are
// built on the first past state asked for; their Kafka connection on the first read of the log.

/** An order's read-model document as it was at a version or an instant. */
export function pastOrder(id: string, point: PointInTime): Promise<Snapshot<OrderView>> {
  return snapshotAsOf({ history: getOrderHistory(), projection: orderView }, 'order', id, point);
}

/** A sku's stock as it was at a version or an instant. */
export function pastStock(sku: string, point: PointInTime): Promise<Snapshot<InventoryView>> {
  return snapshotAsOf({ history: getInventoryHistory(), projection: inventoryView }, 'sku', sku, point);
}

/** An account's balance as it was at a version or an instant. */
export function pastAccount(id: string, point: PointInTime): Promise<Snapshot<AccountView>> {
  return snapshotAsOf({ history: getAccountHistory(), projection: accountView }, 'account', id, point);
}
