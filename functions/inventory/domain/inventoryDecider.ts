import { keyFromField, type Decider } from '../../../lib/domain/decider';
import { businessRule } from '../../../lib/errors/domainErrors';
import { checkInventoryCommand, type InventoryCommand } from './inventoryCommands';
import { ReservationRejectionReason, type InventoryEvent } from './inventoryEvents';
import {
  ReservationStatus,
  evolveInventory,
  initialInventoryState,
  reservationOf,
  type InventoryState,
} from './inventoryState';

type Command<Type extends InventoryCommand['type']> = Extract<InventoryCommand, { type: Type }>;

/**
 * Decides what an inventory command causes. Stock never goes negative: a reservation that does
 * not fit is an event (ReservationRejected) that Order reacts to, not an error. Reserve, Release
 * and Ship are idempotent per order, because reactors may deliver them again at any time.
 */
export function decideInventory(command: InventoryCommand, state: InventoryState): readonly InventoryEvent[] {
  const checked = checkInventoryCommand(command);
  switch (checked.type) {
    case 'Restock':
      return restock(checked, state);
    case 'Reserve':
      return reserve(checked, state);
    case 'Release':
      return settle(checked.orderId, state, 'StockReleased');
    case 'Ship':
      return settle(checked.orderId, state, 'StockShipped');
    default: {
      const unknown: never = checked;
      throw new Error(`unknown inventory command ${JSON.stringify(unknown)}`);
    }
  }
}

function restock(command: Command<'Restock'>, state: InventoryState): readonly InventoryEvent[] {
  if (!Number.isSafeInteger(state.available + state.reserved + command.quantity)) {
    throw businessRule('the stock would exceed the largest quantity that can be counted', {
      available: state.available,
      reserved: state.reserved,
    });
  }
  return [{ type: 'Restocked', data: { quantity: command.quantity } }];
}

// An order asks once: whatever its reservation became (even released or rejected), asking again
// decides nothing, so a late redelivery cannot lock stock for an order that no longer wants it.
function reserve(command: Command<'Reserve'>, state: InventoryState): readonly InventoryEvent[] {
  const { orderId, quantity } = command;
  if (reservationOf(state, orderId)) return [];
  const reason = rejectionReason(state, quantity);
  if (reason) return [{ type: 'ReservationRejected', data: { orderId, quantity, reason } }];
  return [{ type: 'StockReserved', data: { orderId, quantity } }];
}

function rejectionReason(state: InventoryState, quantity: number): ReservationRejectionReason | undefined {
  if (!state.exists) return ReservationRejectionReason.UnknownSku;
  if (state.available < quantity) return ReservationRejectionReason.InsufficientStock;
  return undefined;
}

/** Releases or ships what the order holds; nothing when it holds nothing (never reserved, or done). */
function settle(
  orderId: string,
  state: InventoryState,
  type: 'StockReleased' | 'StockShipped',
): readonly InventoryEvent[] {
  const reservation = reservationOf(state, orderId);
  if (reservation?.status !== ReservationStatus.Reserved) return [];
  return [{ type, data: { orderId, quantity: reservation.quantity } }];
}

/**
 * The stock of one sku (aggregate type `inventory`, aggregate id = sku). Its reservations are
 * entities: one item per order beside the head, loaded only by the commands naming that order, so
 * the head stays the same few hundred bytes through any number of orders.
 *
 * @example
 * await handle({ aggregateId: 'SKU-1', command: { type: 'Restock', quantity: 10 }, metadata });
 */
export const inventoryDecider: Decider<InventoryCommand, InventoryEvent, InventoryState> = {
  initialState: initialInventoryState,
  decide: decideInventory,
  evolve: evolveInventory,
  entities: { field: 'reservations', keysOf: keyFromField('orderId') },
};
