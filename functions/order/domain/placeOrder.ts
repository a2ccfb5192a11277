import type { CommandMetadata } from '../../../lib/domain/decider';
import { businessRule, invalidTransition } from '../../../lib/errors/domainErrors';
import type { OrderCommand } from './orderCommands';
import type { OrderEvent, OrderItem } from './orderEvents';
import type { OrderState } from './orderState';

/**
 * Creates the order. A sku may appear once: merging duplicates would silently change what the
 * customer sent, and one line per sku keeps "reserve/release per line" one command per sku.
 */
export function placeOrder(
  command: Extract<OrderCommand, { type: 'PlaceOrder' }>,
  state: OrderState,
  metadata: CommandMetadata,
): readonly OrderEvent[] {
  if (state.status !== 'NONE') throw invalidTransition(command.type, state.status);
  const duplicate = firstDuplicateSku(command.items);
  if (duplicate !== undefined) {
    throw businessRule(`sku ${duplicate} appears on more than one line`, { sku: duplicate });
  }
  const total = totalOf(command.items);
  const items = command.items.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice }));
  return [
    { type: 'OrderPlaced', data: { customerId: command.customerId, items, total, placedAt: metadata.now } },
  ];
}

function firstDuplicateSku(items: readonly OrderItem[]): string | undefined {
  const seen = new Set<string>();
  for (const { sku } of items) {
    if (seen.has(sku)) return sku;
    seen.add(sku);
  }
  return undefined;
}

// Every term is positive, so a sum that left the safe range anywhere is still outside it at the end.
function totalOf(items: readonly OrderItem[]): number {
  const total = items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
  if (!Number.isSafeInteger(total)) {
    throw businessRule('the order total is too large', { maximum: Number.MAX_SAFE_INTEGER });
  }
  return total;
}
