import { inventoryView } from '../../functions/inventory/projection/inventoryView';
import { inventoryOnOrder } from '../../functions/inventory/reactors/inventoryOnOrder';
import { orderView } from '../../functions/order/projection/orderView';
import { orderOnInventory } from '../../functions/order/reactors/orderOnInventory';
import { orderOnPayment } from '../../functions/order/reactors/orderOnPayment';
import { accountView } from '../../functions/payment/projection/accountView';
import { paymentOnOrder } from '../../functions/payment/reactors/paymentOnOrder';
import {
  getAccountViews,
  getCheckpoints,
  getInventoryViews,
  getOrderViews,
} from '../../functions/platform/views';
import type { ProjectionName } from '../../functions/platform/projectionVersions';
import { checkpointId } from '../../lib/reactors/reactorCheckpoints';
import type { ParkedMark, SnapshotStore } from '../../lib/snapshots/snapshotStore';

/** A consumer that parks, as `kes dlq` needs it: who runs its batches, and where its marks are. */
export interface DlqConsumer {
  /** The function (infra/topology) whose handler runs the consumer's batches, and so its redrives. */
  readonly functionName: string;
  /** The aggregate's mark as the consumer has it now: undefined once a redrive lifted it. */
  readonly mark: (aggregateId: string) => Promise<ParkedMark | undefined>;
  /** A projection's name in the versions registry: each running version parks on its own. */
  readonly projection?: ProjectionName;
}

// A projection parks an aggregate on its snapshot in the live read model.
const projection = (
  functionName: string,
  name: ProjectionName,
  views: () => SnapshotStore<object>,
): DlqConsumer => ({
  functionName,
  projection: name,
  mark: async (id) => (await views().get(id, { consistent: true }))?.parked,
});

// A reactor parks a source aggregate on its checkpoint.
const reactor = (functionName: string, name: string): DlqConsumer => ({
  functionName,
  mark: async (id) => (await getCheckpoints().get(checkpointId(name, id), { consistent: true }))?.parked,
});

/** Every consumer that parks, by the consumer name its letters carry (`dlq_consumer`). */
export const DLQ_CONSUMERS: Readonly<Record<string, DlqConsumer>> = {
  [orderView.name]: projection('projectOrders', 'orderViews', getOrderViews),
  [inventoryView.name]: projection('projectInventory', 'inventoryViews', getInventoryViews),
  [accountView.name]: projection('projectAccounts', 'accountViews', getAccountViews),
  [inventoryOnOrder.name]: reactor('inventoryReactsToOrders', inventoryOnOrder.name),
  [paymentOnOrder.name]: reactor('paymentReactsToOrders', paymentOnOrder.name),
  [orderOnInventory.name]: reactor('orderReactsToInventory', orderOnInventory.name),
  [orderOnPayment.name]: reactor('orderReactsToPayments', orderOnPayment.name),
};

/**
 * Whether an aggregate is parked for a consumer now. A consumer this map does not know cannot be
 * asked: its aggregate counts as parked, so nothing waiting is ever shown as done.
 */
export async function parkedNow(consumer: string, aggregateId: string): Promise<boolean> {
  const known = DLQ_CONSUMERS[consumer];
  return known ? (await known.mark(aggregateId)) !== undefined : true;
}
