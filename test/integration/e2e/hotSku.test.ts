import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { getDynamo } from '../../../functions/platform/dynamo';
import { itemBytes } from '../../../lib/dynamodb/itemSize';
import { consumeFromStart, type ConsumedMessage } from '../support/kafka';
import { startLocalSystem, type LocalSystem } from '../support/localSystem';
import { uniqueName } from '../support/names';

// A popular sku for years, compressed: 10,000 orders reserve one sku over real HTTP, through Kafka,
// the inventory reactor's grouped commands and the order reactor. Every order must be reserved
// exactly once, the sku's write-side items (its head, and each reservation beside it) must stay
// small all along, and the 10,001st order must find no stock: nothing oversold. About four minutes
// on two cores; HOT_SKU_ORDERS=1000 makes a quick local run of the same checks.
const ORDERS = Number(process.env.HOT_SKU_ORDERS ?? 10_000);
const CALLERS = 32;
const SMALL = 8 * 1024;

describe('one sku, ten thousand orders', () => {
  let system: LocalSystem;
  const largest = new Map<string, number>();
  beforeAll(async () => {
    // Tens of thousands of handler log lines: jest's console capture would cost more than the run.
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    system = await startLocalSystem({ batchingWindowSeconds: 0.2 });
    // Every write of the command path goes through this client: record the largest item per table.
    getDynamo().middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { TableName?: string; Item?: Record<string, AttributeValue> };
        if (input.Item && input.TableName) {
          largest.set(input.TableName, Math.max(largest.get(input.TableName) ?? 0, itemBytes(input.Item)));
        }
        return next(args);
      },
      { step: 'initialize', name: 'largestItem' },
    );
  }, 120_000);
  afterAll(() => system.stop());

  it('reserves each order once, keeps every write-side item of the sku under 8 KB, oversells nothing', async () => {
    const sku = uniqueName('hot');
    expect((await system.post(`/inventory/${sku}/restocks`, { quantity: ORDERS })).status).toBe(200);
    const line = { sku, quantity: 1, unitPrice: 100 };
    let next = 0;
    const placed: string[] = [];
    const caller = async () => {
      while (next < ORDERS) {
        next += 1;
        const reply = await system.post('/orders', { customerId: `c-${next % 97}`, items: [line] });
        expect(reply.status).toBe(201);
        placed.push(reply.body.orderId as string);
      }
    };
    await Promise.all(Array.from({ length: CALLERS }, caller));
    expect(placed).toHaveLength(ORDERS);
    await system.runtime.waitUntilIdle(600_000);

    expect((await system.get(`/inventory/${sku}`)).body).toMatchObject({ available: 0, reserved: ORDERS });
    for (const orderId of [placed[0]!, placed[ORDERS / 2]!, placed.at(-1)!]) {
      expect((await system.get(`/orders/${orderId}`)).body).toMatchObject({ status: 'PAYMENT' });
    }
    const late = await system.post('/orders', { customerId: 'c-late', items: [line] });
    await system.settle();
    expect((await system.get(`/orders/${late.body.orderId as string}`)).body).toMatchObject({
      status: 'CANCELLED',
      reason: `out of stock: ${sku}`,
    });

    // The sku's events are in one partition, in order: the late order's rejection comes after
    // every reservation, so reading up to it sees them all.
    const typeOf = (message: ConsumedMessage) => message.headers?.ce_type?.toString();
    const events = await consumeFromStart(process.env.INVENTORY_TOPIC!, {
      until: (seen) =>
        seen.some((m) => m.key?.toString() === sku && typeOf(m) === 'inventory.ReservationRejected.v1'),
      timeoutMs: 120_000,
    });
    const reserved = new Map<string, string>();
    for (const message of events) {
      if (message.key?.toString() !== sku || typeOf(message) !== 'inventory.StockReserved.v1') continue;
      // Republished copies share their event id; distinct events must be one per order.
      const { orderId } = JSON.parse(message.value!.toString()) as { orderId: string };
      reserved.set(message.headers!.ce_id!.toString(), orderId);
    }
    expect(reserved.size).toBe(ORDERS);
    expect(new Set(reserved.values())).toEqual(new Set(placed));

    const heads = largest.get(process.env.INVENTORY_HEADS_TABLE!) ?? 0;
    const entities = largest.get(process.env.INVENTORY_ENTITIES_TABLE!) ?? 0;
    expect(heads).toBeGreaterThan(0);
    expect(entities).toBeGreaterThan(0);
    expect(heads).toBeLessThan(SMALL);
    expect(entities).toBeLessThan(SMALL);
  }, 900_000);
});
