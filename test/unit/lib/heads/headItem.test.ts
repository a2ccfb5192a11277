import { commandKey } from '../../../../lib/commands/commandKey';
import { fromItem, pendingShardOf, toItem } from '../../../../lib/heads/headItem';

describe('a head as a DynamoDB item', () => {
  it('still reads heads written before commands were packed (JSON triples)', () => {
    const id = commandKey('c-1');
    const head = fromItem({
      id: { S: 'sku-1' },
      version: { N: '7' },
      state: { S: '{"available":3}' },
      commands: { S: JSON.stringify([[id, 7, 1]]) },
    });
    expect(head).toEqual({
      id: 'sku-1',
      version: 7,
      state: { available: 3 },
      pending: [],
      pendingEntities: [],
      commands: [{ id, version: 7, events: 1 }],
    });
  });

  it('writes the recovery index keys only while something is pending, on a shard computed from the id', () => {
    const head = { id: 'sku-1', version: 2, state: {}, pending: [], pendingEntities: [], commands: [] };
    expect(toItem(head, 32).pendingShard).toBeUndefined();
    const pending = { ...head, pendingEntities: [{ key: 'o-1', version: 2, value: 1 }], pendingSince: 'x' };
    expect(toItem(pending, 32).pendingShard).toEqual({ S: pendingShardOf('sku-1', 32) });
    const shards = new Set(Array.from({ length: 200 }, (_, n) => pendingShardOf(`sku-${n}`, 8)));
    expect([...shards].sort()).toEqual(['p000', 'p001', 'p002', 'p003', 'p004', 'p005', 'p006', 'p007']);
  });

  it('keeps the watermark across a write and a read', () => {
    const head = {
      id: 'a',
      version: 9,
      state: 1,
      pending: [],
      pendingEntities: [],
      commands: [],
      publishedThrough: 9,
    };
    expect(fromItem(toItem(head, 4))).toEqual(head);
  });
});
