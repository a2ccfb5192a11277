import type { InventoryEvent } from './inventoryEvents';

/** Where one order's reservation of this sku stands. Kept after it settles, for idempotency. */
export const ReservationStatus = {
  Reserved: 'reserved',
  Rejected: 'rejected',
  Released: 'released',
  Shipped: 'shipped',
} as const;
export type ReservationStatus = (typeof ReservationStatus)[keyof typeof ReservationStatus];

/** One order's reservation of this sku. */
export interface Reservation {
  readonly quantity: number;
  readonly status: ReservationStatus;
}

/**
 * The stock of one sku. `reservations` is keyed by order id and remembers every order that ever
 * asked, so a redelivered Reserve can never reserve again for an order that was since released.
 * They are entities of the sku (see `inventoryDecider`): stored one item each, and a command sees
 * only the one of the order it names. Read it only through {@link reservationOf}: order ids such
 * as `constructor` would otherwise find Object.prototype's members.
 */
export interface InventoryState {
  /** False until the first Restock: reservations of an unknown sku are rejected as such. */
  readonly exists: boolean;
  readonly available: number;
  readonly reserved: number;
  readonly reservations: Readonly<Record<string, Reservation>>;
}

/** A sku nobody restocked yet: reservations of it are rejected as unknown. */
export const initialInventoryState: InventoryState = {
  exists: false,
  available: 0,
  reserved: 0,
  reservations: {},
};

/** The reservation an order holds or held, if it ever asked. */
export function reservationOf(state: InventoryState, orderId: string): Reservation | undefined {
  return Object.hasOwn(state.reservations, orderId) ? state.reservations[orderId] : undefined;
}

/** Applies one inventory event. Events are facts: no checks here. */
export function evolveInventory(state: InventoryState, event: InventoryEvent): InventoryState {
  switch (event.type) {
    case 'Restocked':
      return { ...state, exists: true, available: state.available + event.data.quantity };
    case 'StockReserved': {
      const { orderId, quantity } = event.data;
      const next = withReservation(state, orderId, { quantity, status: ReservationStatus.Reserved });
      return { ...next, available: state.available - quantity, reserved: state.reserved + quantity };
    }
    case 'ReservationRejected': {
      const { orderId, quantity } = event.data;
      return withReservation(state, orderId, { quantity, status: ReservationStatus.Rejected });
    }
    case 'StockReleased': {
      const { orderId, quantity } = event.data;
      const next = withReservation(state, orderId, { quantity, status: ReservationStatus.Released });
      return { ...next, available: state.available + quantity, reserved: state.reserved - quantity };
    }
    case 'StockShipped': {
      const { orderId, quantity } = event.data;
      const next = withReservation(state, orderId, { quantity, status: ReservationStatus.Shipped });
      return { ...next, reserved: state.reserved - quantity };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown inventory event ${JSON.stringify(unknown)}`);
    }
  }
}

// A computed key defines an own property even for `__proto__`, so any order id is a safe key.
function withReservation(state: InventoryState, orderId: string, reservation: Reservation): InventoryState {
  return { ...state, reservations: { ...state.reservations, [orderId]: reservation } };
}
