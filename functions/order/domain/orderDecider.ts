import type { CommandMetadata, Decider } from '../../../lib/domain/decider';
import { notFound } from '../../../lib/errors/domainErrors';
import { cancelOrder, fulfilOrder } from './lifecycleDecisions';
import { checkOrderCommand, type OrderCommand } from './orderCommands';
import type { OrderEvent } from './orderEvents';
import { evolveOrder, initialOrderState, type OrderState, type PlacedOrder } from './orderState';
import { recordPaymentCaptured, recordPaymentDeclined, submitPayment } from './paymentDecisions';
import { placeOrder } from './placeOrder';
import { recordReservationRejected, recordStockReserved } from './reservationDecisions';

/**
 * Decides what an order command causes, or throws: `invalid_transition` (409) when the status does
 * not allow it, `business_rule` (422) for a broken rule or a malformed command, `not_found` (404)
 * for any command but PlaceOrder on an order that does not exist (reactor results included: the
 * reactor counts those as rejected). Late or repeated results from other services decide nothing.
 */
export function decideOrder(
  command: OrderCommand,
  state: OrderState,
  metadata: CommandMetadata,
): readonly OrderEvent[] {
  const checked = checkOrderCommand(command);
  if (checked.type === 'PlaceOrder') return placeOrder(checked, state, metadata);
  if (state.status === 'NONE') throw notFound('order', checked.orderId);
  return decideForPlaced(checked, state);
}

function decideForPlaced(
  command: Exclude<OrderCommand, { type: 'PlaceOrder' }>,
  order: PlacedOrder,
): readonly OrderEvent[] {
  switch (command.type) {
    case 'RecordStockReserved':
      return recordStockReserved(command, order);
    case 'RecordReservationRejected':
      return recordReservationRejected(command, order);
    case 'SubmitPayment':
      return submitPayment(command, order);
    case 'RecordPaymentCaptured':
      return recordPaymentCaptured(command, order);
    case 'RecordPaymentDeclined':
      return recordPaymentDeclined(command, order);
    case 'FulfilOrder':
      return fulfilOrder(command, order);
    case 'CancelOrder':
      return cancelOrder(command, order);
    default: {
      const unknown: never = command;
      throw new Error(`unknown order command ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * The order aggregate (aggregate type `order`, one per order id): PURCHASING → PAYMENT →
 * FULFILLMENT → COMPLETED, or CANCELLED before payment is captured.
 *
 * @example
 * const handle = createCommandHandler({ decider: orderDecider, catalog: orderCatalog, ... });
 * await handle({ aggregateId: orderId, command: { type: 'FulfilOrder', orderId }, metadata });
 */
export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  initialState: initialOrderState,
  decide: decideOrder,
  evolve: evolveOrder,
};
