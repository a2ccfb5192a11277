import type { InventoryEvent } from '../../../../../functions/inventory/domain/inventoryEvents';
import { inventoryView } from '../../../../../functions/inventory/projection/inventoryView';
import { envelopesOf } from '../../envelopes';
import { foldView, projectionHarness } from '../../projectionHarness';

const history: InventoryEvent[] = [
  { type: 'Restocked', data: { quantity: 10 } },
  { type: 'StockReserved', data: { orderId: 'o-1', quantity: 3 } },
  { type: 'StockReserved', data: { orderId: 'o-2', quantity: 2 } },
  { type: 'ReservationRejected', data: { orderId: 'o-3', quantity: 9, reason: 'insufficient stock' } },
  { type: 'StockReleased', data: { orderId: 'o-1', quantity: 3 } },
  { type: 'StockShipped', data: { orderId: 'o-2', quantity: 2 } },
];

describe('the inventory view', () => {
  it('shows what is available and reserved after each kind of event', () => {
    const after = (n: number) =>
      foldView(inventoryView, envelopesOf('inventory', 'SKU-A', history.slice(0, n)));
    expect(after(1)).toEqual({ sku: 'SKU-A', available: 10, reserved: 0 });
    expect(after(3)).toEqual({ sku: 'SKU-A', available: 5, reserved: 5 });
    expect(after(4)).toEqual({ sku: 'SKU-A', available: 5, reserved: 5 });
    expect(after(5)).toEqual({ sku: 'SKU-A', available: 8, reserved: 2 });
    expect(after(6)).toEqual({ sku: 'SKU-A', available: 8, reserved: 0 });
  });

  it('shows an unknown sku that was asked for as having no stock', () => {
    const rejected: InventoryEvent = {
      type: 'ReservationRejected',
      data: { orderId: 'o-1', quantity: 1, reason: 'unknown sku' },
    };
    expect(foldView(inventoryView, envelopesOf('inventory', 'SKU-X', [rejected]))).toEqual({
      sku: 'SKU-X',
      available: 0,
      reserved: 0,
    });
  });

  it('gives the same documents when the same events are applied twice', async () => {
    const harness = projectionHarness(inventoryView);
    harness.publish(...envelopesOf('inventory', 'SKU-A', history));
    harness.publish(...envelopesOf('inventory', 'SKU-B', history.slice(0, 2)));
    await harness.deliver();
    const first = [await harness.store.get('SKU-A'), await harness.store.get('SKU-B')];

    expect(await harness.deliver()).toMatchObject({ applied: 0, skipped: 8, writes: 0 });
    expect([await harness.store.get('SKU-A'), await harness.store.get('SKU-B')]).toEqual(first);
    expect(first).toEqual([
      {
        id: 'SKU-A',
        version: 6,
        doc: { sku: 'SKU-A', available: 8, reserved: 0 },
        lastEventAt: expect.any(String),
      },
      {
        id: 'SKU-B',
        version: 2,
        doc: { sku: 'SKU-B', available: 7, reserved: 3 },
        lastEventAt: expect.any(String),
      },
    ]);
  });
});
