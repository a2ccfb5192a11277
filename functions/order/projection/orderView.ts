import type { Projection } from '../../../lib/projections/projection';
import type { Snapshot } from '../../../lib/snapshots/snapshotStore';
import type { SnapshotIndex } from '../../../lib/snapshots/snapshotTable';
import { orderCatalog, type OrderEvent, type OrderItem } from '../domain/orderEvents';
import { OrderStatus } from '../domain/orderState';

/**
 * One order as the API serves it. `customerStatus` and `statusPlacedAt` exist only as index keys:
 * `GET /orders?customerId=…&status=…` is one query on {@link ORDERS_BY_CUSTOMER} with a
 * begins_with on the status, newest or oldest first within a status.
 */
export interface OrderView {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  items: OrderItem[];
  total: number;
  /** Why the order was cancelled. */
  reason?: string;
  /** Why the latest payment attempt was declined; gone once another attempt is requested. */
  paymentError?: string;
  paymentPending: boolean;
  placedAt: string;
  updatedAt: string;
  /** `${customerId}#${status}`. */
  customerStatus: string;
  /** `${status}#${placedAt}#${orderId}`: sorts by status, then time; the id keeps keys unique. */
  statusPlacedAt: string;
}

/** The orders of a customer, by status then time (sort key prefix `${status}#`). */
export const ORDERS_BY_CUSTOMER = {
  name: 'by-customer',
  partitionKey: 'customerId',
  sortKey: 'statusPlacedAt',
} as const satisfies SnapshotIndex;

/** Every index of the order view table, for the table definition and the in-memory store. */
export const ORDER_VIEW_INDEXES: readonly SnapshotIndex[] = [ORDERS_BY_CUSTOMER];

/** The sort key prefix that selects one status on {@link ORDERS_BY_CUSTOMER}. */
export function statusPrefix(status: OrderStatus): string {
  return `${status}#`;
}

/** The order read model (one document per order), fed by the order topic. */
export const orderView: Projection<OrderView, OrderEvent> = {
  name: 'order-view',
  catalog: orderCatalog,
  evolve: (doc, envelope) => {
    const { event, time } = envelope;
    if (event.type === 'OrderPlaced') return placed(envelope.aggregateId, event.data, time);
    if (!doc) throw new Error(`order ${envelope.aggregateId}: ${event.type} before OrderPlaced`);
    return { ...changed(doc, event), updatedAt: time };
  },
};

function placed(
  orderId: string,
  data: Extract<OrderEvent, { type: 'OrderPlaced' }>['data'],
  time: string,
): OrderView {
  const { customerId, items, total, placedAt } = data;
  const view = { orderId, customerId, items, total, paymentPending: false, placedAt, updatedAt: time };
  return withStatus(view, OrderStatus.Purchasing);
}

type Unkeyed = Omit<OrderView, 'status' | 'customerStatus' | 'statusPlacedAt'>;

function changed(doc: OrderView, event: Exclude<OrderEvent, { type: 'OrderPlaced' }>): OrderView {
  switch (event.type) {
    case 'OrderLineReserved':
      return doc;
    case 'OrderReserved':
      return withStatus(doc, OrderStatus.Payment);
    case 'PaymentRequested':
      return { ...withoutPaymentError(doc), paymentPending: true };
    case 'PaymentDeclined':
      return { ...doc, paymentPending: false, paymentError: event.data.reason };
    case 'OrderPaid':
      return withStatus({ ...withoutPaymentError(doc), paymentPending: false }, OrderStatus.Fulfillment);
    case 'OrderFulfilled':
      return withStatus(doc, OrderStatus.Completed);
    case 'OrderCancelled':
      return withStatus({ ...doc, paymentPending: false, reason: event.data.reason }, OrderStatus.Cancelled);
    default: {
      const unknown: never = event;
      throw new Error(`unknown order event ${JSON.stringify(unknown)}`);
    }
  }
}

// The index keys are derived in one place, so they can never disagree with the status.
function withStatus(view: Unkeyed, status: OrderStatus): OrderView {
  return {
    ...view,
    status,
    customerStatus: `${view.customerId}#${status}`,
    statusPlacedAt: `${statusPrefix(status)}${view.placedAt}#${view.orderId}`,
  };
}

// Dropped rather than set to undefined: the document must stay plain JSON.
function withoutPaymentError(doc: OrderView): OrderView {
  const { paymentError: _cleared, ...rest } = doc;
  return rest;
}

/** The body of `GET /orders/{orderId}` (and of each item of `GET /orders`). */
export interface OrderResponse {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  items: OrderItem[];
  total: number;
  /** The order's aggregate version: the ETag a caller sends back as If-Match. */
  version: number;
  /** The time of the last event the document holds: how fresh it is. */
  asOf?: string;
  reason?: string;
  paymentError?: string;
}

/** Shows a stored order view as the API answers it, without the index keys and bookkeeping. */
export function orderResponse(
  snapshot: Pick<Snapshot<OrderView>, 'version' | 'doc' | 'lastEventAt'>,
): OrderResponse {
  const { orderId, customerId, status, items, total, reason, paymentError } = snapshot.doc;
  return {
    orderId,
    customerId,
    status,
    items,
    total,
    version: snapshot.version,
    ...(snapshot.lastEventAt === undefined ? {} : { asOf: snapshot.lastEventAt }),
    ...(reason === undefined ? {} : { reason }),
    ...(paymentError === undefined ? {} : { paymentError }),
  };
}
