import { deciderSpecification } from '../../../../../lib/domain/deciderSpecification';
import type { InventoryCommand } from '../../../../../functions/inventory/domain/inventoryCommands';
import { inventoryDecider } from '../../../../../functions/inventory/domain/inventoryDecider';
import type { InventoryEvent } from '../../../../../functions/inventory/domain/inventoryEvents';

const spec = deciderSpecification(inventoryDecider);

const restocked = (quantity: number): InventoryEvent => ({ type: 'Restocked', data: { quantity } });
const stockReserved = (orderId: string, quantity: number): InventoryEvent => ({
  type: 'StockReserved',
  data: { orderId, quantity },
});
const rejected = (orderId: string, quantity: number, reason: 'insufficient stock' | 'unknown sku') =>
  ({ type: 'ReservationRejected', data: { orderId, quantity, reason } }) as const;
const released = (orderId: string, quantity: number): InventoryEvent => ({
  type: 'StockReleased',
  data: { orderId, quantity },
});
const shipped = (orderId: string, quantity: number): InventoryEvent => ({
  type: 'StockShipped',
  data: { orderId, quantity },
});

const reserve = (orderId: string, quantity: number): InventoryCommand => ({
  type: 'Reserve',
  orderId,
  quantity,
});
const release = (orderId: string): InventoryCommand => ({ type: 'Release', orderId });
const ship = (orderId: string): InventoryCommand => ({ type: 'Ship', orderId });

describe('restocking', () => {
  it('creates the sku and adds to it', () => {
    spec
      .given([])
      .when({ type: 'Restock', quantity: 5 })
      .then([restocked(5)]);
    spec
      .given([restocked(5)])
      .when({ type: 'Restock', quantity: 1 })
      .then([restocked(1)]);
  });

  it.each([0, -1, 1.5])('refuses a quantity of %p', (quantity) => {
    spec.given([]).when({ type: 'Restock', quantity }).thenThrows('business_rule');
  });

  it('refuses stock beyond what can be counted exactly', () => {
    spec
      .given([restocked(Number.MAX_SAFE_INTEGER - 1)])
      .when({ type: 'Restock', quantity: 2 })
      .thenThrows(/largest quantity/);
  });
});

describe('reserving', () => {
  it('reserves what is available, all of it if need be', () => {
    spec
      .given([restocked(5)])
      .when(reserve('o-1', 5))
      .then([stockReserved('o-1', 5)]);
  });

  it('rejects what is not available, leaving stock never negative', () => {
    spec
      .given([restocked(5), stockReserved('o-1', 3)])
      .when(reserve('o-2', 3))
      .then([rejected('o-2', 3, 'insufficient stock')]);
  });

  it('rejects a sku that was never restocked as unknown', () => {
    spec
      .given([])
      .when(reserve('o-1', 1))
      .then([rejected('o-1', 1, 'unknown sku')]);
  });

  it('counts released stock as available again', () => {
    spec
      .given([restocked(2), stockReserved('o-1', 2), released('o-1', 2)])
      .when(reserve('o-2', 2))
      .then([stockReserved('o-2', 2)]);
  });

  it.each([
    ['reserved', [restocked(5), stockReserved('o-1', 2)]],
    ['rejected', [restocked(1), rejected('o-1', 2, 'insufficient stock')]],
    ['rejected as unknown, then restocked', [rejected('o-1', 2, 'unknown sku'), restocked(5)]],
    ['released', [restocked(5), stockReserved('o-1', 2), released('o-1', 2)]],
    ['shipped', [restocked(5), stockReserved('o-1', 2), shipped('o-1', 2)]],
  ])('decides nothing for an order that asked before (%s): one reservation per order', (_name, history) => {
    spec.given(history).when(reserve('o-1', 2)).then([]);
  });

  it('refuses a malformed order id or quantity', () => {
    spec
      .given([restocked(5)])
      .when(reserve('', 1))
      .thenThrows('business_rule');
    spec
      .given([restocked(5)])
      .when(reserve('o-1', 0))
      .thenThrows('business_rule');
  });

  it('treats order ids that are Object.prototype member names as plain ids', () => {
    for (const orderId of ['constructor', 'toString', 'hasOwnProperty']) {
      spec
        .given([restocked(5)])
        .when(reserve(orderId, 1))
        .then([stockReserved(orderId, 1)]);
      spec
        .given([restocked(5)])
        .when(release(orderId))
        .then([]);
    }
  });
});

describe('releasing and shipping', () => {
  const holding = [restocked(5), stockReserved('o-1', 2)];

  it('releases what the order holds, once', () => {
    spec
      .given(holding)
      .when(release('o-1'))
      .then([released('o-1', 2)]);
    spec
      .given([...holding, released('o-1', 2)])
      .when(release('o-1'))
      .then([]);
  });

  it('ships what the order holds, once, and a shipped order cannot be released', () => {
    spec
      .given(holding)
      .when(ship('o-1'))
      .then([shipped('o-1', 2)]);
    spec
      .given([...holding, shipped('o-1', 2)])
      .when(ship('o-1'))
      .then([]);
    spec
      .given([...holding, shipped('o-1', 2)])
      .when(release('o-1'))
      .then([]);
  });

  it('decides nothing for an order that holds nothing here (never reserved, rejected, unknown sku)', () => {
    spec.given(holding).when(release('o-2')).then([]);
    spec
      .given([...holding, rejected('o-2', 9, 'insufficient stock')])
      .when(release('o-2'))
      .then([]);
    spec.given([]).when(release('o-1')).then([]);
    spec.given([]).when(ship('o-1')).then([]);
  });
});
