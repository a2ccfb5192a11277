import type { OrderEvent, OrderItem } from './orderEvents';

/** The statuses of the order state machine. */
export const OrderStatus = {
  Purchasing: 'PURCHASING',
  Payment: 'PAYMENT',
  Fulfillment: 'FULFILLMENT',
  Completed: 'COMPLETED',
  Cancelled: 'CANCELLED',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** Before OrderPlaced: the aggregate does not exist. */
export interface NoOrder {
  readonly status: 'NONE';
}

/** An order that was placed. Plain JSON, since the head store keeps it as such. */
export interface PlacedOrder {
  readonly status: OrderStatus;
  readonly customerId: string;
  readonly items: readonly OrderItem[];
  readonly total: number;
  /** Skus of the lines Inventory confirmed, in the order the confirmations arrived. */
  readonly reservedSkus: readonly string[];
  /** How many payments were requested; the latest one is the only one whose result counts. */
  readonly attempts: number;
  readonly paymentPending: boolean;
  /** Why the latest payment attempt was declined; cleared by the next attempt. */
  readonly paymentError?: string;
}

/** The order aggregate's state: discriminated by `status`, `NONE` until placed. */
export type OrderState = NoOrder | PlacedOrder;

/** No order yet: only PlaceOrder is allowed. */
export const initialOrderState: OrderState = { status: 'NONE' };

/** Applies one order event. Events are facts: no checks here, `decide` made them. */
export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderPlaced') {
    const { customerId, items, total } = event.data;
    return {
      status: OrderStatus.Purchasing,
      customerId,
      items,
      total,
      reservedSkus: [],
      attempts: 0,
      paymentPending: false,
    };
  }
  if (state.status === 'NONE') return state;
  return evolvePlaced(state, event);
}

function evolvePlaced(order: PlacedOrder, event: Exclude<OrderEvent, { type: 'OrderPlaced' }>): PlacedOrder {
  switch (event.type) {
    case 'OrderLineReserved':
      return { ...order, reservedSkus: [...order.reservedSkus, event.data.sku] };
    case 'OrderReserved':
      return { ...order, status: OrderStatus.Payment };
    case 'PaymentRequested':
      return { ...withoutPaymentError(order), attempts: event.data.attempt, paymentPending: true };
    case 'PaymentDeclined':
      return { ...order, paymentPending: false, paymentError: event.data.reason };
    case 'OrderPaid':
      return { ...withoutPaymentError(order), status: OrderStatus.Fulfillment, paymentPending: false };
    case 'OrderFulfilled':
      return { ...order, status: OrderStatus.Completed };
    case 'OrderCancelled':
      return { ...order, status: OrderStatus.Cancelled, paymentPending: false };
    default: {
      const unknown: never = event;
      throw new Error(`unknown order event ${JSON.stringify(unknown)}`);
    }
  }
}

function withoutPaymentError(order: PlacedOrder): PlacedOrder {
  const { paymentError: _cleared, ...rest } = order;
  return rest;
}
