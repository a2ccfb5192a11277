import * as z from 'zod';
import { checkCommand } from '../../../lib/domain/checkCommand';
import { ORDER_ID_PATTERN } from './inventoryEvents';

/**
 * What can be asked of one sku's stock. Restock comes from the API; the others come from the
 * inventory reactor on behalf of an order, and are idempotent per order id.
 */
export type InventoryCommand =
  | { type: 'Restock'; quantity: number }
  | { type: 'Reserve'; orderId: string; quantity: number }
  | { type: 'Release'; orderId: string }
  | { type: 'Ship'; orderId: string };

const orderId = z.string().regex(ORDER_ID_PATTERN);
const quantity = z.number().int().positive();

/** The shape of every inventory command, checked by the decider (and reusable at the edge). */
export const inventoryCommandSchema: z.ZodType<InventoryCommand> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Restock'), quantity }),
  z.strictObject({ type: z.literal('Reserve'), orderId, quantity }),
  z.strictObject({ type: z.literal('Release'), orderId }),
  z.strictObject({ type: z.literal('Ship'), orderId }),
]);

/** Checks a command against {@link inventoryCommandSchema} (a malformed one is a 422, see `checkCommand`). */
export function checkInventoryCommand(candidate: InventoryCommand): InventoryCommand {
  return checkCommand(inventoryCommandSchema, candidate);
}
