import { inventoryDecider } from '../../functions/inventory/domain/inventoryDecider';
import { inventoryView } from '../../functions/inventory/projection/inventoryView';
import { orderDecider } from '../../functions/order/domain/orderDecider';
import { orderView } from '../../functions/order/projection/orderView';
import { paymentDecider } from '../../functions/payment/domain/paymentDecider';
import { accountView } from '../../functions/payment/projection/accountView';
import { getAccountHistory, getInventoryHistory, getOrderHistory } from '../../functions/platform/history';
import { getInventoryService } from '../../functions/platform/inventoryService';
import { getOrderService } from '../../functions/platform/orderService';
import { getPaymentService } from '../../functions/platform/paymentService';
import { getAccountViews, getInventoryViews, getOrderViews } from '../../functions/platform/views';
import type { DomainEvent } from '../../lib/domain/decider';
import type { VerifySources } from '../../lib/verify/verifyAggregate';

/** The aggregate types the tools know, each with everything derived from its log. */
export const AGGREGATE_TYPES = ['order', 'inventory', 'account'] as const;
export type AggregateType = (typeof AGGREGATE_TYPES)[number];

type Sources = VerifySources<unknown, DomainEvent, unknown, unknown>;

/** The decider, history, head and entity stores, projection and read model of one aggregate type. */
export function sourcesOf(type: AggregateType): Sources {
  const build = {
    order: () => {
      const { heads } = getOrderService();
      return {
        decider: orderDecider,
        history: getOrderHistory(),
        heads,
        projection: orderView,
        views: getOrderViews(),
      };
    },
    inventory: () => {
      const { heads, entities } = getInventoryService();
      const views = getInventoryViews();
      return {
        decider: inventoryDecider,
        history: getInventoryHistory(),
        heads,
        entities,
        projection: inventoryView,
        views,
      };
    },
    account: () => {
      const { heads, entities } = getPaymentService();
      return {
        decider: paymentDecider,
        history: getAccountHistory(),
        heads,
        entities,
        projection: accountView,
        views: getAccountViews(),
      };
    },
  }[type];
  // The tools treat every aggregate type alike: their types meet only inside verifyAggregate.
  return build();
}

export function aggregateType(value: string): AggregateType {
  if ((AGGREGATE_TYPES as readonly string[]).includes(value)) return value as AggregateType;
  throw new Error(`unknown aggregate type ${value}: one of ${AGGREGATE_TYPES.join(', ')}`);
}
