import { EventLogError, type LogRecord } from '../../../lib/eventLog/eventLog';
import type { ConnectProducer, ProducerTransaction } from '../../../lib/eventLog/transactionalProducer';
import { kafkaClients, testEventLog } from '../support/eventLogs';
import { consumeFromStart, createTopic } from '../support/kafka';
import { uniqueName } from '../support/names';

const record = (topic: string, value: string, key = 'k'): LogRecord => ({
  topic,
  key,
  value,
  headers: { ce_id: value },
});

/** Producers whose transactions go wrong as `spoil` says, once. */
function spoiledOnce(spoil: (tx: ProducerTransaction) => ProducerTransaction) {
  let spoiled = false;
  return (connect: ConnectProducer): ConnectProducer =>
    async (transactionalId) => {
      const real = await connect(transactionalId);
      return {
        ...real,
        begin: async () => {
          const tx = await real.begin();
          if (spoiled) return tx;
          spoiled = true;
          return spoil(tx);
        },
      };
    };
}

const markerSeen = (messages: { value: Buffer | null }[]) =>
  messages.some((m) => m.value?.toString() === 'marker');

describe.each(kafkaClients)('the Kafka event log on %s', (client) => {
  it('makes an append across topics visible whole, in order, with its headers', async () => {
    const [orders, stock] = [await createTopic('contract-a'), await createTopic('contract-b')];
    const log = testEventLog({ client, transactionalIdPrefix: uniqueName('contract') });
    try {
      await log.append([record(orders, 'o1'), record(stock, 's1'), record(orders, 'o2')]);
      const seen = await consumeFromStart(orders, { until: (m) => m.length >= 2 });
      expect(seen.map((m) => [m.key?.toString(), m.value?.toString(), m.headers?.ce_id?.toString()])).toEqual(
        [
          ['k', 'o1', 'o1'],
          ['k', 'o2', 'o2'],
        ],
      );
      expect(
        (await consumeFromStart(stock, { until: (m) => m.length >= 1 })).map((m) => m.value?.toString()),
      ).toEqual(['s1']);
    } finally {
      await log.close();
    }
  });

  it('commits concurrent appends, sharing transactions while the producer is busy', async () => {
    const topic = await createTopic('contract-shared');
    const log = testEventLog({ client, transactionalIdPrefix: uniqueName('shared') });
    try {
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => log.append([record(topic, `v${i}`, `k${i % 3}`)])),
      );
      const seen = await consumeFromStart(topic, { until: (m) => m.length >= 12 });
      expect(seen.map((m) => m.value?.toString()).sort()).toEqual(
        Array.from({ length: 12 }, (_, i) => `v${i}`).sort(),
      );
    } finally {
      await log.close();
    }
  });

  it('aborts a transaction whose send failed: the append is aborted, nothing of it visible, the next one commits', async () => {
    const topic = await createTopic('contract-aborted');
    const wrap = spoiledOnce((tx) => ({
      ...tx,
      send: async (records) => {
        await tx.send(records);
        throw new Error('injected send failure');
      },
    }));
    const log = testEventLog({ client, wrap, transactionalIdPrefix: uniqueName('aborted') });
    try {
      await expect(log.append([record(topic, 'lost')])).rejects.toEqual(
        new EventLogError('aborted', 'could not send to Kafka; transaction aborted'),
      );
      await log.append([record(topic, 'marker')]);
      const seen = await consumeFromStart(topic, { until: markerSeen });
      expect(seen.map((m) => m.value?.toString())).toEqual(['marker']);
    } finally {
      await log.close();
    }
  });

  it('reports a failed commit as unknown and replaces the producer, whose open transaction the successor aborts', async () => {
    const topic = await createTopic('contract-unknown');
    const wrap = spoiledOnce((tx) => ({
      ...tx,
      commit: () => Promise.reject(new Error('injected: no answer')),
    }));
    const log = testEventLog({ client, wrap, transactionalIdPrefix: uniqueName('unknown') });
    try {
      await expect(log.append([record(topic, 'in-doubt')])).rejects.toMatchObject({ outcome: 'unknown' });
      await log.append([record(topic, 'marker')]);
      const seen = await consumeFromStart(topic, { until: markerSeen });
      expect(seen.map((m) => m.value?.toString())).toEqual(['marker']);
    } finally {
      await log.close();
    }
  });
});

it('puts a key on the same partition with either client (Java murmur2)', async () => {
  const topic = await createTopic('contract-partitions', 6);
  const keys = Array.from({ length: 24 }, (_, i) => `aggregate-${i}`);
  for (const client of kafkaClients) {
    const log = testEventLog({ client, transactionalIdPrefix: uniqueName('partitions') });
    await log.append(keys.map((key) => record(topic, client, key))).finally(() => log.close());
  }
  const seen = await consumeFromStart(topic, { until: (m) => m.length >= keys.length * 2 });
  const partitionOf = (client: string): Record<string, number> =>
    Object.fromEntries(
      seen
        .filter((m) => m.value?.toString() === client)
        .map((m): [string, number] => [m.key?.toString() ?? '', m.partition]),
    );
  expect(partitionOf('platformatic')).toEqual(partitionOf('kafkajs'));
  expect(new Set(Object.values(partitionOf('kafkajs'))).size).toBeGreaterThan(1);
});
