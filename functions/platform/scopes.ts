/**
 * The staff roles, as scopes of the caller's token. A customer needs none: they act on what is
 * theirs (the token's `sub` is their customer id).
 */
export const Scope = {
  /** Restock any sku. */
  InventoryWrite: 'inventory:write',
  /** Read and act on any customer's orders and account. */
  OrdersAdmin: 'orders:admin',
  /** Read any aggregate's history and time travel; run the operating tools. */
  Ops: 'ops',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

/** Who reads any order's or account's history and past states, besides its customer. */
export const HISTORY_READERS = [Scope.Ops, Scope.OrdersAdmin] as const;

/** Who reads a sku's history and past states (its current stock is anyone's to see). */
export const STOCK_HISTORY_READERS = [Scope.Ops, Scope.InventoryWrite] as const;
