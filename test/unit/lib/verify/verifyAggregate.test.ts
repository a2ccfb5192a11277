import { createCommandHandler } from '../../../../lib/commands/commandHandler';
import { InMemoryEntityStore } from '../../../../lib/entities/inMemoryEntityStore';
import { InMemoryEventLog } from '../../../../lib/eventLog/inMemoryEventLog';
import { InMemoryHeadStore } from '../../../../lib/heads/inMemoryHeadStore';
import { createProjectionHandler } from '../../../../lib/projections/projectionHandler';
import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';
import { InMemoryDeadLetterSink } from '../../../../lib/deadLetter/inMemoryDeadLetterSink';
import { verifyAll } from '../../../../lib/verify/verifyAll';
import { inventoryDecider } from '../../../../functions/inventory/domain/inventoryDecider';
import { inventoryCatalog } from '../../../../functions/inventory/domain/inventoryEvents';
import type { InventoryState } from '../../../../functions/inventory/domain/inventoryState';
import { inventoryView, type InventoryView } from '../../../../functions/inventory/projection/inventoryView';
import { logHistory } from '../../../support/logHistory';
import { FakeTopic, mskEvent } from '../../../support/mskEvents';

// A whole write side and read model on in-memory stores, its topic made readable: `verify` must
// find nothing wrong with it, and name exactly what was broken when something is.
async function system() {
  const heads = new InMemoryHeadStore<InventoryState>();
  const entities = new InMemoryEntityStore();
  const eventLog = new InMemoryEventLog();
  const handle = createCommandHandler({
    decider: inventoryDecider,
    catalog: inventoryCatalog,
    source: 'urn:service:inventory',
    topic: 'inventory',
    heads,
    entities,
    eventLog,
  });
  let n = 0;
  const run = (sku: string, command: Parameters<typeof handle>[0]['command']) =>
    handle({
      aggregateId: sku,
      command,
      metadata: {
        now: new Date(Date.UTC(2026, 0, 1, 0, 0, ++n)).toISOString(),
        commandId: `c-${n}`,
        correlationId: 'v',
      },
    });
  await run('sku-a', { type: 'Restock', quantity: 5 });
  await run('sku-a', { type: 'Reserve', orderId: 'o-1', quantity: 2 });
  await run('sku-b', { type: 'Restock', quantity: 1 });
  await run('sku-a', { type: 'Release', orderId: 'o-1' });
  const topic = new FakeTopic('inventory', 2);
  for (const record of eventLog.records) topic.appendRaw(record);
  const log = logHistory(topic, inventoryCatalog);
  await log.sync();
  const views = new InMemorySnapshotStore<InventoryView>();
  const project = createProjectionHandler({
    projection: inventoryView,
    store: views,
    deadLetters: new InMemoryDeadLetterSink(),
    log: () => undefined,
  });
  await project(mskEvent(topic.records));
  const sources = {
    decider: inventoryDecider,
    history: log.history,
    heads,
    entities,
    projection: inventoryView,
    views,
  };
  return { heads, entities, views, sources, verify: () => verifyAll(sources, heads.ids()) };
}

describe('verify', () => {
  it('finds nothing wrong with a system that did only what the log says', async () => {
    const { verify } = await system();
    expect(await verify()).toMatchObject({ aggregates: 2, events: 4, mismatches: [], pending: 0 });
  });

  it('names a read model that fell behind, and one whose document disagrees with the log', async () => {
    const { verify, views } = await system();
    const b = (await views.get('sku-b'))!;
    await views.put({ ...b, version: b.version + 1, doc: { ...b.doc, available: 99 } }, b.version);
    const { mismatches } = await verify();
    expect(mismatches).toEqual([
      { aggregateId: 'sku-b', where: 'view', detail: 'the document is at version 2, the log at 1' },
    ]);
  });

  it('names a head whose state, or an entity whose value, is not what the log folds to', async () => {
    const { verify, heads, entities } = await system();
    const head = (await heads.read('sku-a'))!;
    await heads.write({ ...head, state: { ...head.state, available: 1 } }, head.version);
    await entities.putMany('sku-a', [
      { key: 'o-1', version: 99, value: { quantity: 2, status: 'reserved' } },
    ]);
    const found = (await verify()).mismatches.map((m) => `${m.aggregateId} ${m.where}`);
    expect(found.sort()).toEqual(['sku-a entity', 'sku-a head']);
  });
});
