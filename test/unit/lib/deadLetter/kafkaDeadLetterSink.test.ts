import type { Kafka, Producer, ProducerRecord } from 'kafkajs';
import type { DeadLetter } from '../../../../lib/deadLetter/deadLetterSink';
import { createKafkaDeadLetterSink } from '../../../../lib/deadLetter/kafkaDeadLetterSink';

// Producer lifecycle against a fake kafkajs client; the real broker round trip is in G6 (integration).
function fakeKafka(failures: { connect?: number; send?: number } = {}) {
  const sent: ProducerRecord[] = [];
  const created: jest.Mocked<Pick<Producer, 'connect' | 'send' | 'disconnect'>>[] = [];
  const options: unknown[] = [];
  let connectFailures = failures.connect ?? 0;
  let sendFailures = failures.send ?? 0;
  const kafka = {
    producer: jest.fn((config: unknown) => {
      options.push(config);
      const producer = {
        connect: jest.fn(() =>
          connectFailures-- > 0 ? Promise.reject(new Error('no broker')) : Promise.resolve(),
        ),
        send: jest.fn((record: ProducerRecord) => {
          if (sendFailures-- > 0) return Promise.reject(new Error('send failed'));
          sent.push(record);
          return Promise.resolve([]);
        }),
        disconnect: jest.fn(() => Promise.resolve()),
      };
      created.push(producer);
      return producer;
    }),
  } as unknown as Kafka;
  return { kafka, sent, created, options };
}

const letter: DeadLetter = {
  record: {
    topic: 't',
    partition: 0,
    offset: '5',
    timestamp: '0',
    key: null,
    value: Buffer.from('x'),
    headers: {},
  },
  reason: 'missing_header',
  detail: 'missing headers: ce_id',
  consumer: 'accounts',
};

describe('createKafkaDeadLetterSink', () => {
  it('creates one idempotent producer lazily and reuses it', async () => {
    const { kafka, sent, created, options } = fakeKafka();
    const sink = createKafkaDeadLetterSink({ kafka, topic: 'dlq' });
    expect(created).toHaveLength(0);

    await sink.send([letter]);
    await sink.send([letter, letter]);

    expect(created).toHaveLength(1);
    expect(options[0]).toMatchObject({ idempotent: true, maxInFlightRequests: 1 });
    expect(sent.map((r) => [r.topic, r.acks, r.messages.length])).toEqual([
      ['dlq', -1, 1],
      ['dlq', -1, 2],
    ]);
    expect(sent[0]!.messages[0]).toMatchObject({
      key: null,
      value: Buffer.from('x'),
      headers: { dlq_source_offset: '5' },
    });
  });

  it('does not connect for an empty list', async () => {
    const { kafka, created } = fakeKafka();
    await createKafkaDeadLetterSink({ kafka, topic: 'dlq' }).send([]);
    expect(created).toHaveLength(0);
  });

  it('accepts a lazily created client', async () => {
    const { kafka, sent } = fakeKafka();
    const factory = jest.fn(() => Promise.resolve(kafka));
    const sink = createKafkaDeadLetterSink({ kafka: factory, topic: 'dlq' });
    await sink.send([letter]);
    await sink.send([letter]);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(2);
  });

  it('rejects when it cannot connect or send, and starts afresh on the next send', async () => {
    const { kafka, sent, created } = fakeKafka({ connect: 1, send: 1 });
    const sink = createKafkaDeadLetterSink({ kafka, topic: 'dlq' });

    await expect(sink.send([letter])).rejects.toThrow('could not dead-letter 1 record(s) to dlq');
    await expect(sink.send([letter])).rejects.toMatchObject({ cause: new Error('send failed') });
    await sink.send([letter]);

    expect(created).toHaveLength(3);
    expect(created[1]!.disconnect).toHaveBeenCalled();
    expect(sent).toHaveLength(1);
  });

  it('disconnects on close', async () => {
    const { kafka, created } = fakeKafka();
    const sink = createKafkaDeadLetterSink({ kafka, topic: 'dlq' });
    await sink.send([letter]);
    await sink.close();
    expect(created[0]!.disconnect).toHaveBeenCalledTimes(1);
  });
});
