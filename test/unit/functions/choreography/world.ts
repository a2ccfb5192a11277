import type { CommandMetadata } from '../../../../lib/domain/decider';
import { inventoryDecider } from '../../../../functions/inventory/domain/inventoryDecider';
import { inventoryCatalog } from '../../../../functions/inventory/domain/inventoryEvents';
import type { InventoryState } from '../../../../functions/inventory/domain/inventoryState';
import { inventoryOnOrder } from '../../../../functions/inventory/reactors/inventoryOnOrder';
import type { OrderCommand } from '../../../../functions/order/domain/orderCommands';
import { orderDecider } from '../../../../functions/order/domain/orderDecider';
import { orderCatalog } from '../../../../functions/order/domain/orderEvents';
import type { OrderState } from '../../../../functions/order/domain/orderState';
import { orderOnInventory } from '../../../../functions/order/reactors/orderOnInventory';
import { orderOnPayment } from '../../../../functions/order/reactors/orderOnPayment';
import { paymentDecider } from '../../../../functions/payment/domain/paymentDecider';
import { paymentCatalog } from '../../../../functions/payment/domain/paymentEvents';
import type { PaymentState } from '../../../../functions/payment/domain/paymentState';
import { paymentOnOrder } from '../../../../functions/payment/reactors/paymentOnOrder';
import { Aggregates } from './aggregates';
import { subscribe, type Subscription } from './subscription';

/** The reactors by name, so a test can say which one delivers next. */
export type ReactorName =
  'inventory-on-order' | 'payment-on-order' | 'order-on-inventory' | 'order-on-payment';

/**
 * The three services wired by the four reactors, all pure and in memory. API commands run at
 * once; reactions wait until a test delivers them, one source event at a time, in any order the
 * framework allows (in order per source aggregate), or drains them all.
 */
export class World {
  readonly orders = new Aggregates(orderDecider, orderCatalog);
  readonly inventory = new Aggregates(inventoryDecider, inventoryCatalog);
  readonly accounts = new Aggregates(paymentDecider, paymentCatalog);
  readonly subscriptions: readonly Subscription[] = [
    subscribe(inventoryOnOrder, this.orders, this.inventory),
    subscribe(paymentOnOrder, this.orders, this.accounts),
    subscribe(orderOnInventory, this.inventory, this.orders),
    subscribe(orderOnPayment, this.accounts, this.orders),
  ];
  private clock = 0;

  order(command: OrderCommand): void {
    this.orders.execute(command.orderId, command, this.metadata());
  }

  restock(sku: string, quantity: number): void {
    this.inventory.execute(sku, { type: 'Restock', quantity }, this.metadata());
  }

  deposit(customerId: string, amount: number): void {
    this.accounts.execute(customerId, { type: 'Deposit', amount }, this.metadata());
  }

  /** Delivers the next event of `sourceId` to one reactor. */
  deliver(reactor: ReactorName, sourceId: string): void {
    this.subscription(reactor).deliver(sourceId);
  }

  /** Delivers every event of `sourceId` published so far to one reactor (a partition catching up). */
  catchUp(reactor: ReactorName, sourceId: string): void {
    const subscription = this.subscription(reactor);
    while (subscription.pending().includes(sourceId)) subscription.deliver(sourceId);
  }

  /** Every pending delivery, as [reactor index, source aggregate id]. */
  pending(): [number, string][] {
    return this.subscriptions.flatMap((s, index) => s.pending().map((id): [number, string] => [index, id]));
  }

  /** Delivers one pending event, the `choice`-th (modulo) of {@link pending}; false if none is. */
  deliverOne(choice: number): boolean {
    const pending = this.pending();
    if (pending.length === 0) return false;
    const [index, id] = pending[choice % pending.length]!;
    this.subscriptions[index]!.deliver(id);
    return true;
  }

  /** Delivers until nothing is pending, choosing each delivery with `choose` (default: the first). */
  drain(choose: (step: number) => number = () => 0): void {
    for (let step = 0; step < 10_000; step += 1) {
      if (!this.deliverOne(choose(step))) return;
    }
    throw new Error('the choreography did not settle');
  }

  orderState(orderId: string): OrderState {
    return this.orders.state(orderId);
  }

  stock(sku: string): InventoryState {
    return this.inventory.state(sku);
  }

  account(customerId: string): PaymentState {
    return this.accounts.state(customerId);
  }

  rejected(): string[] {
    return this.subscriptions.flatMap((s) => s.rejected);
  }

  private subscription(name: ReactorName): Subscription {
    const found = this.subscriptions.find((s) => s.name === name);
    if (!found) throw new Error(`no reactor ${name}`);
    return found;
  }

  private metadata(): CommandMetadata {
    this.clock += 1;
    const now = new Date(Date.UTC(2026, 0, 1, 0, 0, this.clock)).toISOString();
    return { now, commandId: `api-${this.clock}`, correlationId: `api-${this.clock}` };
  }
}
