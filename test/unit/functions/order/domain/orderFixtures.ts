import { specMetadata } from '../../../../../lib/domain/deciderSpecification';
import type { OrderCommand } from '../../../../../functions/order/domain/orderCommands';
import type { OrderEvent, OrderItem } from '../../../../../functions/order/domain/orderEvents';

// One two-line order (total 2 × 500 + 1 × 1500 = 2500) and the events of its life, by status.
export const orderId = 'order-1';
export const customerId = 'customer-1';
export const items: OrderItem[] = [
  { sku: 'SKU-A', quantity: 2, unitPrice: 500 },
  { sku: 'SKU-B', quantity: 1, unitPrice: 1500 },
];
export const total = 2500;

export const placed: OrderEvent = {
  type: 'OrderPlaced',
  data: { customerId, items, total, placedAt: specMetadata.now },
};
export const lineReserved = (sku: string, quantity: number): OrderEvent => ({
  type: 'OrderLineReserved',
  data: { sku, quantity },
});
export const reserved: OrderEvent = { type: 'OrderReserved', data: { total } };
export const requested = (attempt: number): OrderEvent => ({
  type: 'PaymentRequested',
  data: { amount: total, customerId, attempt },
});
export const declined = (attempt: number): OrderEvent => ({
  type: 'PaymentDeclined',
  data: { attempt, reason: 'insufficient funds' },
});
export const paid = (attempt: number): OrderEvent => ({
  type: 'OrderPaid',
  data: { attempt, amount: total },
});
export const fulfilled: OrderEvent = { type: 'OrderFulfilled', data: { items } };
export const cancelled = (reason: string, paymentPending = false): OrderEvent => ({
  type: 'OrderCancelled',
  data: { reason, customerId, items, paymentPending },
});

const inPayment = [placed, lineReserved('SKU-A', 2), lineReserved('SKU-B', 1), reserved];

/** A history that leaves the order in each state of the machine (PAYMENT split by a pending payment). */
export const histories = {
  NONE: [],
  PURCHASING: [placed],
  PAYMENT: inPayment,
  'PAYMENT (pending)': [...inPayment, requested(1)],
  FULFILLMENT: [...inPayment, requested(1), paid(1)],
  COMPLETED: [...inPayment, requested(1), paid(1), fulfilled],
  CANCELLED: [placed, cancelled('cancelled by customer')],
} satisfies Record<string, readonly OrderEvent[]>;
export type OrderSituation = keyof typeof histories;

/** One valid command of each type, aimed at the order above. */
export const commands = {
  PlaceOrder: { type: 'PlaceOrder', orderId, customerId, items },
  RecordStockReserved: { type: 'RecordStockReserved', orderId, sku: 'SKU-A', quantity: 2 },
  RecordReservationRejected: {
    type: 'RecordReservationRejected',
    orderId,
    sku: 'SKU-B',
    reason: 'insufficient stock',
  },
  SubmitPayment: { type: 'SubmitPayment', orderId, amount: total },
  RecordPaymentCaptured: { type: 'RecordPaymentCaptured', orderId, attempt: 1, amount: total },
  RecordPaymentDeclined: { type: 'RecordPaymentDeclined', orderId, attempt: 1, reason: 'insufficient funds' },
  FulfilOrder: { type: 'FulfilOrder', orderId },
  CancelOrder: { type: 'CancelOrder', orderId },
} as const satisfies { [Type in OrderCommand['type']]: Extract<OrderCommand, { type: Type }> };
