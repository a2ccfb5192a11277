import * as z from 'zod';
import { defineEventCatalog } from '../../../lib/envelope/eventCatalog';

/** Order ids as Inventory accepts them: short, no spaces (they are keys in the reservation map). */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/** Why a reservation was refused. */
export const ReservationRejectionReason = {
  InsufficientStock: 'insufficient stock',
  /** The sku was never restocked. */
  UnknownSku: 'unknown sku',
} as const;
export type ReservationRejectionReason =
  (typeof ReservationRejectionReason)[keyof typeof ReservationRejectionReason];

/** Everything that can happen to the stock of one sku. The union is the contract Order reads. */
export type InventoryEvent =
  | { type: 'Restocked'; data: { quantity: number } }
  | { type: 'StockReserved'; data: { orderId: string; quantity: number } }
  | {
      type: 'ReservationRejected';
      data: { orderId: string; quantity: number; reason: ReservationRejectionReason };
    }
  | { type: 'StockReleased'; data: { orderId: string; quantity: number } }
  /** Reserved units left the warehouse: they are neither available nor reserved any more. */
  | { type: 'StockShipped'; data: { orderId: string; quantity: number } };

const orderId = z.string().regex(ORDER_ID_PATTERN);
const quantity = z.number().int().positive();
const forOrder = z.strictObject({ orderId, quantity });

/** The inventory event catalog (aggregate type `inventory`, one aggregate per sku). */
export const inventoryCatalog = defineEventCatalog<InventoryEvent>('inventory', {
  Restocked: { schemaVersion: 1, data: z.strictObject({ quantity }) },
  StockReserved: { schemaVersion: 1, data: forOrder },
  ReservationRejected: {
    schemaVersion: 1,
    data: z.strictObject({
      orderId,
      quantity,
      reason: z.enum([ReservationRejectionReason.InsufficientStock, ReservationRejectionReason.UnknownSku]),
    }),
  },
  StockReleased: { schemaVersion: 1, data: forOrder },
  StockShipped: { schemaVersion: 1, data: forOrder },
});
