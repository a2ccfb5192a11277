import type { Producer } from 'kafkajs';
import { consumeFromStart, createTopic, testKafka } from '../support/kafka';
import { uniqueName } from '../support/names';

// These prove the broker is real and does transactions the way the command path relies on.
function transactionalProducer(transactionalId = uniqueName('tx')): Producer {
  return testKafka().producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
}

const values = (messages: { value: Buffer | null }[]) => messages.map((m) => m.value?.toString());

describe('the local Kafka broker', () => {
  const producers: Producer[] = [];
  const connected = async (transactionalId?: string) => {
    const producer = transactionalProducer(transactionalId);
    producers.push(producer);
    await producer.connect();
    return producer;
  };
  afterEach(async () => {
    await Promise.allSettled(producers.splice(0).map((p) => p.disconnect()));
  });

  it('commits one transaction of 3 records over 2 partitions, all seen by a read_committed consumer', async () => {
    const topic = await createTopic('tx-commit', 2);
    const producer = await connected();

    const tx = await producer.transaction();
    await tx.send({
      topic,
      messages: [
        { key: 'a', value: '1', partition: 0 },
        { key: 'b', value: '2', partition: 1 },
        { key: 'a', value: '3', partition: 0 },
      ],
    });
    await tx.commit();

    const seen = await consumeFromStart(topic, { until: (s) => s.length === 3 });
    expect(values(seen).sort()).toEqual(['1', '2', '3']);
  });

  it('hides the records of an aborted transaction from read_committed, not from read_uncommitted', async () => {
    const topic = await createTopic('tx-abort');
    const producer = await connected();

    const aborted = await producer.transaction();
    await aborted.send({
      topic,
      messages: [
        { key: 'k', value: 'aborted-1' },
        { key: 'k', value: 'aborted-2' },
      ],
    });
    await aborted.abort();
    const marker = await producer.transaction();
    await marker.send({ topic, messages: [{ key: 'k', value: 'marker' }] });
    await marker.commit();

    // One partition, read in order: by the time the marker arrives, everything visible before it has too.
    const untilMarker = { until: (s: { value: Buffer | null }[]) => values(s).includes('marker') };
    const committed = await consumeFromStart(topic, untilMarker);
    const uncommitted = await consumeFromStart(topic, { ...untilMarker, readUncommitted: true });

    expect(values(committed)).toEqual(['marker']);
    expect(values(uncommitted)).toEqual(['aborted-1', 'aborted-2', 'marker']);
  });

  it('fences the older producer when a second one initialises the same transactional id', async () => {
    const topic = await createTopic('tx-fence');
    const transactionalId = uniqueName('shared-tx');
    const older = await connected(transactionalId);
    const olderTx = await older.transaction();
    await olderTx.send({ topic, messages: [{ key: 'k', value: 'from-older' }] });

    const newer = await connected(transactionalId);
    const newerTx = await newer.transaction();
    await newerTx.send({ topic, messages: [{ key: 'k', value: 'from-newer' }] });
    await newerTx.commit();

    await expect(olderTx.commit()).rejects.toThrow(/epoch|fenced/i);
    const seen = await consumeFromStart(topic, { until: (s) => values(s).includes('from-newer') });
    expect(values(seen)).toEqual(['from-newer']);
  });
});
