import type { ConsumedKafkaRecord } from '../../../../../lib/kafka/mskRecord';
import { RecordBuffer } from '../../../../../lib/local/mskEventSource/recordBuffer';

const record = (partition: number, offset: number, topic = 'orders'): ConsumedKafkaRecord => ({
  topic,
  partition,
  offset: String(offset),
  timestamp: '0',
  key: null,
  value: Buffer.from('v'),
  headers: {},
});

const offsets = (records: readonly ConsumedKafkaRecord[]) => records.map((r) => `${r.partition}@${r.offset}`);
const sizeOfOne = () => 1;

describe('RecordBuffer', () => {
  it('hands out records in arrival order, at most the batch size', () => {
    const buffer = new RecordBuffer();
    buffer.add('orders', 0, [record(0, 0), record(0, 1)], '1');
    buffer.add('orders', 1, [record(1, 0)], '0');
    expect(offsets(buffer.take(2, Infinity, sizeOfOne))).toEqual(['0@0', '0@1']);
    expect(offsets(buffer.take(2, Infinity, sizeOfOne))).toEqual(['1@0']);
    expect(buffer.size).toBe(0);
  });

  it('stops filling a batch before the byte limit, but always takes at least one record', () => {
    const buffer = new RecordBuffer();
    buffer.add('orders', 0, [record(0, 0), record(0, 1), record(0, 2)], '2');
    expect(buffer.take(10, 5, () => 3)).toHaveLength(1);
    expect(buffer.take(10, 6, () => 3)).toHaveLength(2);
  });

  it('is full once the batch size is met or the waiting records pass the byte limit', () => {
    const buffer = new RecordBuffer();
    buffer.add('orders', 0, [record(0, 0), record(0, 1)], '1');
    expect(buffer.isFull(3, 10, () => 3)).toBe(false);
    expect(buffer.isFull(2, 10, () => 3)).toBe(true);
    expect(buffer.isFull(3, 5, () => 3)).toBe(true);
  });

  it('targets the first waiting record of each partition when their fetches interleave', () => {
    const buffer = new RecordBuffer();
    buffer.add('orders', 0, [record(0, 3), record(0, 4)], '4');
    buffer.add('orders', 1, [record(1, 7)], '7');
    buffer.add('orders', 0, [record(0, 5)], '5');
    buffer.add('orders', 2, [record(2, 1)], '1');
    expect(buffer.commitTargets()).toEqual([
      { topic: 'orders', partition: 0, offset: '3' },
      { topic: 'orders', partition: 1, offset: '7' },
      { topic: 'orders', partition: 2, offset: '1' },
    ]);
  });

  it('drops records fetched again after a rebalance', () => {
    const buffer = new RecordBuffer();
    buffer.add('orders', 0, [record(0, 0), record(0, 1)], '1');
    buffer.add('orders', 0, [record(0, 1), record(0, 2)], '2');
    expect(offsets(buffer.take(10, Infinity, sizeOfOne))).toEqual(['0@0', '0@1', '0@2']);
  });

  it('targets the first waiting record of a partition, else the end of what was fetched', () => {
    const buffer = new RecordBuffer();
    buffer.add('orders', 0, [record(0, 5), record(0, 6)], '6');
    buffer.add('orders', 1, [record(1, 9)], '9');
    buffer.take(1, Infinity, sizeOfOne);
    expect(buffer.commitTargets()).toEqual([
      { topic: 'orders', partition: 0, offset: '6' },
      { topic: 'orders', partition: 1, offset: '9' },
    ]);
  });

  it('commits past a transaction marker that follows the last delivered record', () => {
    // Records 0 and 1 were committed in a transaction; its commit marker sits at offset 2.
    const buffer = new RecordBuffer();
    buffer.add('orders', 0, [record(0, 0), record(0, 1)], '2');
    buffer.take(10, Infinity, sizeOfOne);
    expect(buffer.commitTargets()).toEqual([{ topic: 'orders', partition: 0, offset: '3' }]);
  });

  it('moves the target past fetches holding only control or aborted records', () => {
    const buffer = new RecordBuffer();
    buffer.advance('orders', 0, '4');
    expect(buffer.commitTargets()).toEqual([{ topic: 'orders', partition: 0, offset: '5' }]);
    buffer.advance('orders', 0, '2');
    expect(buffer.commitTargets()[0]!.offset).toBe('5');
  });

  it('tells when the oldest waiting record arrived', () => {
    const buffer = new RecordBuffer();
    expect(buffer.oldestArrival).toBeUndefined();
    const before = Date.now();
    buffer.add('orders', 0, [record(0, 0)], '0');
    expect(buffer.oldestArrival).toBeGreaterThanOrEqual(before);
  });

  it('wakes waiters on a change, or lets them go after the timeout', async () => {
    const buffer = new RecordBuffer();
    const woken = buffer.changed(10_000);
    buffer.add('orders', 0, [record(0, 0)], '0');
    await expect(woken).resolves.toBeUndefined();
    await expect(buffer.changed(1)).resolves.toBeUndefined();
  });
});
