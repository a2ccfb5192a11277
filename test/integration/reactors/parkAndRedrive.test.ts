import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { inventoryOnOrder } from '../../../functions/inventory/reactors/inventoryOnOrder';
import { getConfig } from '../../../functions/platform/config';
import { getKafka } from '../../../functions/platform/kafka';
import { redrive } from '../../../infra/cli/dlq';
import { DLQ_CONSUMERS, parkedNow } from '../../../infra/cli/dlqConsumers';
import { topics } from '../../../infra/topology';
import { groupLetters, letterGroupId, letterGroupState } from '../../../lib/deadLetter/parkedLetters';
import { readLetters } from '../../../lib/deadLetter/readLetters';
import { verifySystem } from '../../reliability/support/verifyLog';
import { startLocalSystem, type LocalSystem } from '../support/localSystem';
import { uniqueName } from '../support/names';

// A bug in Inventory's reaction to orders throws for every order with a line of 13. Before, the
// reactor's whole batch failed until its retries ran out, holding every order of the partition.
// Now that order (the source aggregate) parks for this reactor: its OrderPlaced and every later
// event of it (its cancellation) wait on the dead-letter topic in order, and the other orders of
// its partition are reserved meanwhile. With the code fixed, `kes dlq redrive` — the very function
// the CLI runs, through the reactor's own handler — reserves and then releases its line, as a clean
// run would have; a second redrive changes nothing.

const UNLUCKY = 13;
const STOCK = 100;

describe('a reactor whose reaction throws for one source aggregate (real broker, dynalite)', () => {
  let system: LocalSystem;
  const original = inventoryOnOrder.react;
  let bugDeployed = true;
  beforeAll(async () => {
    // The "deployed bug": the runtime and the redrive run this very module, so the fix is undoing it.
    inventoryOnOrder.react = (envelope) => {
      const { event } = envelope;
      if (
        bugDeployed &&
        event.type === 'OrderPlaced' &&
        event.data.items.some((i) => i.quantity === UNLUCKY)
      ) {
        throw new Error(`cannot react to a line of ${UNLUCKY}`);
      }
      return original(envelope);
    };
    system = await startLocalSystem();
  }, 60_000);
  afterAll(async () => {
    inventoryOnOrder.react = original;
    await system.stop();
  });

  const sku = uniqueName('rpark-sku');
  const customer = uniqueName('rpark-cust');
  const place = async (quantity: number) => {
    const placed = await system.post('/orders', {
      customerId: customer,
      items: [{ sku, quantity, unitPrice: 100 }],
    });
    expect(placed.status).toBe(201);
    return placed.body.orderId as string;
  };
  const stock = async () => (await system.get(`/inventory/${sku}`)).body;

  it('parks that order, keeps its partition moving, and a redrive after the fix gives a clean run’s result, once', async () => {
    expect((await system.post(`/inventory/${sku}/restocks`, { quantity: STOCK })).status).toBe(200);
    const victim = await place(UNLUCKY);
    const partitionOf = partitionerFor(topics.orders.partitions);
    const others: string[] = [];
    while (others.filter((id) => partitionOf(id) === partitionOf(victim)).length < 2 && others.length < 60) {
      others.push(await place(1));
    }
    const neighbours = others.filter((id) => partitionOf(id) === partitionOf(victim));
    expect(neighbours).toHaveLength(2);
    expect((await system.post(`/orders/${victim}/cancellation`)).status).toBe(200);
    await system.settle();

    // Parked: the victim's reservation waits; every other order, its neighbours too, is reserved.
    const consumer = DLQ_CONSUMERS[inventoryOnOrder.name]!;
    expect(await consumer.mark(victim)).toMatchObject({ version: 1, reason: 'reaction_failed', letters: 2 });
    for (const id of neighbours)
      expect((await system.get(`/orders/${id}`)).body).toMatchObject({ status: 'PAYMENT' });
    expect(await stock()).toMatchObject({ available: STOCK - others.length, reserved: others.length });
    const letters = await readLetters(await getKafka(), getConfig().DEAD_LETTER_TOPIC);
    const group = groupLetters(letters).find((g) => g.id === `${inventoryOnOrder.name}/${victim}`)!;
    expect(group).toMatchObject({ reason: 'reaction_failed', count: 2 });
    expect(letterGroupState(group, await parkedNow(group.consumer, victim))).toBe('parked');
    const members = letters.filter((letter) => letterGroupId(letter) === group.id);

    bugDeployed = false;
    const first = await redrive(group.id, members);
    await system.settle();

    expect(first).toMatchObject({ ok: true, result: { handled: 2, unparked: 1, stillParked: 0 } });
    expect(await consumer.mark(victim)).toBeUndefined();
    expect(letterGroupState(group, await parkedNow(group.consumer, victim))).toBe('redriven');
    // What a clean run leaves: the victim's line reserved, then released in order; the others reserved.
    expect((await system.get(`/orders/${victim}`)).body).toMatchObject({ status: 'CANCELLED' });
    expect(await stock()).toMatchObject({ available: STOCK - others.length, reserved: others.length });
    const victimEvents = await stockEventsOf(victim);
    expect(victimEvents).toEqual(['inventory.StockReserved.v1', 'inventory.StockReleased.v1']);
    expect((await verifySystem()).mismatches).toEqual([]);

    const before = await stock();
    const second = await redrive(group.id, members);
    await system.settle();
    expect(second).toMatchObject({ ok: true, result: { handled: 0, commands: 0, unparked: 0 } });
    expect(await stock()).toEqual(before);
    expect(await stockEventsOf(victim)).toEqual(victimEvents);
  }, 180_000);

  /** The types of the sku's events about one order, in order. */
  async function stockEventsOf(orderId: string): Promise<string[]> {
    const { events } = (await system.get(`/inventory/${sku}/events?limit=1000`)).body as {
      events: { type: string; data: { orderId?: string } }[];
    };
    return events.filter((event) => event.data.orderId === orderId).map((event) => event.type);
  }
});

/** The partition kafkajs's default (Java-compatible murmur2) partitioner picks for a key. */
function partitionerFor(count: number): (key: string) => number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    partitionErrorCode: 0,
  }));
  return (key) => partitioner({ topic: 'any', partitionMetadata, message: { key, value: null } });
}
