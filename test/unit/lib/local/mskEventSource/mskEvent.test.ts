import type { ConsumedKafkaRecord } from '../../../../../lib/kafka/mskRecord';
import { approximateEventBytes, toMskEvent } from '../../../../../lib/local/mskEventSource/mskEvent';

const record = (topic: string, partition: number, offset: number): ConsumedKafkaRecord => ({
  topic,
  partition,
  offset: String(offset),
  timestamp: '1',
  key: null,
  value: Buffer.from('x'),
  headers: {},
});

describe('toMskEvent', () => {
  it('groups records under "<topic>-<partition>" keeping their order', () => {
    const event = toMskEvent([record('orders', 0, 1), record('orders', 1, 5), record('orders', 0, 2)], {
      clusterArn: 'arn:aws:kafka:eu-west-1:000000000000:cluster/local/x',
      bootstrapServers: 'localhost:9092',
    });
    expect(event.eventSource).toBe('aws:kafka');
    expect(event.eventSourceArn).toBe('arn:aws:kafka:eu-west-1:000000000000:cluster/local/x');
    expect(event.bootstrapServers).toBe('localhost:9092');
    expect(Object.keys(event.records)).toEqual(['orders-0', 'orders-1']);
    expect(event.records['orders-0']!.map((r) => r.offset)).toEqual([1, 2]);
  });

  it('estimates at least the base64 size of key and value', () => {
    const big = { ...record('t', 0, 0), value: Buffer.alloc(3000), headers: { h: ['ab', 'cd'] } };
    expect(approximateEventBytes(big)).toBeGreaterThan(4000);
    expect(JSON.stringify(toMskEvent([big], { clusterArn: 'a', bootstrapServers: 'b' })).length).toBeLessThan(
      approximateEventBytes(big) + 200,
    );
  });
});
