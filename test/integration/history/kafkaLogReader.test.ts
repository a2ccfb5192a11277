import { KafkaLogReader } from '../../../lib/history/kafkaLogReader';
import { positionOf } from '../../../lib/history/logReader';
import { createTopic, testKafka } from '../support/kafka';

// Reading records back by position, without a consumer group, through kafkajs's internals.
describe('KafkaLogReader', () => {
  const reader = new KafkaLogReader({ kafka: testKafka('log-reader'), maxBytesPerFetch: 1024 });
  afterAll(() => reader.close());

  async function produce(topic: string, partition: number, values: string[], transactional = false) {
    const kafka = testKafka('log-reader-producer');
    const producer = transactional
      ? kafka.producer({ transactionalId: `${topic}-tx`, idempotent: true, maxInFlightRequests: 1 })
      : kafka.producer();
    await producer.connect();
    const messages = values.map((value) => ({ key: 'k', value, partition, headers: { v: value } }));
    if (transactional) {
      const transaction = await producer.transaction();
      await transaction.send({ topic, messages });
      await transaction.commit();
    } else {
      await producer.send({ topic, messages });
    }
    await producer.disconnect();
  }

  it('reads the records at the given offsets, near and far apart, with their headers', async () => {
    const topic = await createTopic('log-reader', 2);
    await produce(
      topic,
      1,
      Array.from({ length: 300 }, (_, n) => `value-${n}`.padEnd(40, '.')),
    );
    const wanted = [0, 1, 2, 150, 299].map((offset) => ({ topic, partition: 1, offset: String(offset) }));
    const found = await reader.read(wanted);
    expect([...found.keys()].filter((key) => wanted.some((w) => positionOf(w) === key)).sort()).toEqual(
      wanted.map(positionOf).sort(),
    );
    const record = found.get(positionOf(wanted[3]!))!;
    expect(record.value?.toString()).toBe('value-150'.padEnd(40, '.'));
    expect(record.headers.v?.toString()).toBe('value-150'.padEnd(40, '.'));
  });

  it('reads records of a committed transaction and skips its control record', async () => {
    const topic = await createTopic('log-reader-tx', 1);
    await produce(topic, 0, ['a', 'b'], true);
    await produce(topic, 0, ['c'], true);
    // Offsets: a=0, b=1, commit marker=2, c=3.
    const found = await reader.read(
      [0, 1, 2, 3].map((offset) => ({ topic, partition: 0, offset: String(offset) })),
    );
    expect([...found.values()].map((r) => r.value?.toString())).toEqual(['a', 'b', 'c']);
    expect(found.has(`${topic}/0/2`)).toBe(false);
  });

  it('finds nothing past the end of a partition', async () => {
    const topic = await createTopic('log-reader-empty', 1);
    expect((await reader.read([{ topic, partition: 0, offset: '5' }])).size).toBe(0);
  });
});
