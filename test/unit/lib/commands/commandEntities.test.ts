import { createBatchCommandHandler, createCommandHandler } from '../../../../lib/commands/commandHandler';
import type { CommandHandlerOptions, CommandStep } from '../../../../lib/commands/commandTypes';
import { recoverPending } from '../../../../lib/commands/recoverPending';
import type { CommandMetadata } from '../../../../lib/domain/decider';
import { InMemoryEntityStore } from '../../../../lib/entities/inMemoryEntityStore';
import { InMemoryEventLog } from '../../../../lib/eventLog/inMemoryEventLog';
import { InMemoryHeadStore } from '../../../../lib/heads/inMemoryHeadStore';
import type { InventoryCommand } from '../../../../functions/inventory/domain/inventoryCommands';
import { inventoryDecider } from '../../../../functions/inventory/domain/inventoryDecider';
import {
  inventoryCatalog,
  type InventoryEvent,
} from '../../../../functions/inventory/domain/inventoryEvents';
import type { InventoryState } from '../../../../functions/inventory/domain/inventoryState';

// The inventory decider is the reason entities exist: a sku's reservations, one per order.
type Options = CommandHandlerOptions<InventoryCommand, InventoryEvent, InventoryState>;

let clock = 0;
const meta = (commandId = `cmd-${++clock}`): CommandMetadata => ({
  now: '2026-01-01T00:00:00.000Z',
  commandId,
  correlationId: commandId,
});

function setup(overrides: Partial<Options> = {}) {
  const heads = new InMemoryHeadStore<InventoryState>();
  const entities = new InMemoryEntityStore();
  const eventLog = new InMemoryEventLog();
  let crash: CommandStep | undefined;
  const options: Options = {
    decider: inventoryDecider,
    catalog: inventoryCatalog,
    source: 'urn:service:inventory',
    topic: 'inventory',
    heads,
    entities,
    eventLog,
    sleep: () => Promise.resolve(),
    hooks: {
      afterStep: (step) => {
        if (step !== crash) return;
        crash = undefined;
        throw new Error(`crash after ${step}`);
      },
    },
    ...overrides,
  };
  const handle = createCommandHandler(options);
  const handleBatch = createBatchCommandHandler(options);
  const types = (orderId: string) =>
    eventLog.records.filter((r) => r.value.includes(`"${orderId}"`)).map((r) => r.headers.ce_type);
  const reserve = (orderId: string, quantity = 1, commandId?: string) =>
    handle({
      aggregateId: 'sku',
      command: { type: 'Reserve', orderId, quantity },
      metadata: meta(commandId),
    });
  const crashAfter = (step: CommandStep) => {
    crash = step;
  };
  return { heads, entities, eventLog, handle, handleBatch, reserve, types, crashAfter, options };
}

describe('a decider with entities', () => {
  it('keeps them out of the head: the head holds the stock, each reservation is its own item', async () => {
    const { handle, heads, entities, reserve } = setup();
    await handle({ aggregateId: 'sku', command: { type: 'Restock', quantity: 1000 }, metadata: meta() });
    for (let n = 0; n < 300; n += 1) await reserve(`o-${n}`);

    const head = await heads.read('sku');
    expect(head?.state).toEqual({ exists: true, available: 700, reserved: 300, reservations: {} });
    expect(head?.pendingEntities).toEqual([]);
    expect(entities.of('sku').size).toBe(300);
    expect(entities.of('sku').get('o-7')).toMatchObject({ value: { quantity: 1, status: 'reserved' } });
  });

  it('gives a command the entity it names, so a Reserve repeated long after decides nothing', async () => {
    // Two remembered command ids: the repeat below is far outside the window, with another id.
    const { handle, reserve, types } = setup({ rememberedCommands: 2 });
    await handle({ aggregateId: 'sku', command: { type: 'Restock', quantity: 10 }, metadata: meta() });
    await reserve('o-1');
    for (let n = 0; n < 5; n += 1) await reserve(`other-${n}`);
    const again = await reserve('o-1', 1, 'a-different-delivery');

    expect(again).toMatchObject({ replayed: false, events: [] });
    expect(types('o-1')).toEqual(['inventory.StockReserved.v1']);
  });

  it('sees an entity still in the head’s outbox when the process died before writing it', async () => {
    const { handle, reserve, entities, crashAfter, types, heads } = setup({ rememberedCommands: 1 });
    await handle({ aggregateId: 'sku', command: { type: 'Restock', quantity: 10 }, metadata: meta() });
    crashAfter('headWritten');
    await expect(reserve('o-1')).rejects.toThrow(/crash/);
    expect(entities.of('sku').size).toBe(0);
    expect((await heads.read('sku'))?.pendingEntities.map((e) => e.key)).toEqual(['o-1']);

    await reserve('other'); // pushes o-1's command id out of the window; carries o-1's outbox along
    await reserve('o-1', 1, 'redelivered');
    expect(types('o-1')).toEqual(['inventory.StockReserved.v1']);
    expect(entities.of('sku').get('o-1')).toMatchObject({ version: 2, value: { status: 'reserved' } });
  });

  it('lets the recovery function write entities a crashed command left in the outbox', async () => {
    const { handle, reserve, entities, eventLog, heads, crashAfter } = setup();
    await handle({ aggregateId: 'sku', command: { type: 'Restock', quantity: 10 }, metadata: meta() });
    crashAfter('headWritten');
    await expect(reserve('o-1')).rejects.toThrow(/crash/);

    const later = () => new Date(Date.now() + 120_000);
    const result = await recoverPending({ heads, eventLog, entities, now: later });
    expect(result).toEqual({ found: 1, published: 1, failed: 0 });
    expect(entities.of('sku').get('o-1')).toMatchObject({ value: { status: 'reserved' } });
    expect((await heads.read('sku'))?.pendingEntities).toEqual([]);
  });

  it('never brings back an older value: a late write of version n loses to version n + 1', async () => {
    const entities = new InMemoryEntityStore();
    await entities.putMany('sku', [{ key: 'o-1', version: 3, value: 'released' }]);
    await entities.putMany('sku', [{ key: 'o-1', version: 2, value: 'reserved' }]);
    expect(entities.of('sku').get('o-1')).toMatchObject({ version: 3, value: 'released' });
    expect(entities.counts.stale).toBe(1);
  });

  it('refuses a decider that needs entities when no entity store is given', () => {
    const { options } = setup();
    const { entities: _none, ...withoutStore } = options;
    expect(() => createCommandHandler(withoutStore)).toThrow(/entity store/);
  });
});

describe('a batch of commands on one aggregate', () => {
  const restock = { command: { type: 'Restock', quantity: 3 } as const, metadata: meta('restock') };
  const reserveFor = (orderId: string, quantity = 1, commandId = `r-${orderId}`) => ({
    command: { type: 'Reserve', orderId, quantity } as const,
    metadata: meta(commandId),
  });

  it('decides its members in order in one head write, each with its own outcome and versions', async () => {
    const { handleBatch, heads, eventLog } = setup();
    const writes = heads.writes;
    const result = await handleBatch({
      aggregateId: 'sku',
      members: [restock, reserveFor('o-1', 2), reserveFor('o-2', 2), { ...restock, metadata: meta('bad') }],
    });

    expect(heads.writes - writes).toBe(1);
    expect(result.members.map((m) => m.outcome)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(result.members.map((m) => (m.outcome === 'applied' ? m.version : -1))).toEqual([1, 2, 3, 4]);
    expect(eventLog.records.map((r) => r.headers.ce_type)).toEqual([
      'inventory.Restocked.v1',
      'inventory.StockReserved.v1',
      'inventory.ReservationRejected.v1', // o-2 found 1 unit left: an answer, not an error
      'inventory.Restocked.v1',
    ]);
    expect(eventLog.records.map((r) => r.headers.ce_commandid)).toEqual(['restock', 'r-o-1', 'r-o-2', 'bad']);
  });

  it('records a member the decider rejects and goes on with the others', async () => {
    const { handleBatch } = setup();
    const malformed = { command: { type: 'Restock', quantity: -1 } as const, metadata: meta() };
    const result = await handleBatch({
      aggregateId: 'sku',
      members: [restock, malformed, reserveFor('o-1')],
    });
    expect(result.members.map((m) => m.outcome)).toEqual(['applied', 'rejected', 'applied']);
    expect(result.state).toMatchObject({ available: 2, reserved: 1 });
  });

  it('answers a repeated batch from the remembered ids and decides nothing', async () => {
    const { handleBatch, eventLog } = setup();
    const members = [restock, reserveFor('o-1')];
    await handleBatch({ aggregateId: 'sku', members });
    const again = await handleBatch({
      aggregateId: 'sku',
      members: [...members, reserveFor('o-1', 1, 'twice')],
    });
    expect(again.members).toEqual([
      { outcome: 'replayed', version: 1 },
      { outcome: 'replayed', version: 2 },
      { outcome: 'applied', version: 2, events: [] },
    ]);
    expect(eventLog.records).toHaveLength(2);
  });
});

describe('a bounded outbox', () => {
  it('publishes a full outbox before deciding more, and answers 503 without deciding while it cannot', async () => {
    const { handle, heads, eventLog, reserve } = setup({ maxPendingRecords: 4 });
    await handle({ aggregateId: 'sku', command: { type: 'Restock', quantity: 100 }, metadata: meta() });
    const failing = eventLog.append.bind(eventLog);
    let down = true;
    eventLog.append = (records) => (down ? Promise.reject(new Error('Kafka is down')) : failing(records));

    for (let n = 0; n < 10; n += 1) await reserve(`o-${n}`).catch(() => undefined);
    const head = await heads.read('sku');
    expect(head?.pending.length).toBe(4); // four commands decided, the other six refused before deciding
    expect(head?.state.reserved).toBe(4);

    down = false;
    await reserve('o-next');
    expect((await heads.read('sku'))?.pending).toEqual([]);
    expect((await heads.read('sku'))?.state.reserved).toBe(5);
  });
});
