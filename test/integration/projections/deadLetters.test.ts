import type { MSKRecord } from 'aws-lambda';
import { createKafkaDeadLetterSink } from '../../../lib/deadLetter/kafkaDeadLetterSink';
import { encodeEnvelope } from '../../../lib/envelope/kafkaCodec';
import { toMskRecord } from '../../../lib/kafka/mskRecord';
import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import {
  accountCatalog,
  accountEnvelope,
  accountHistory,
  accountProjection,
  type AccountDoc,
} from '../../support/accountProjection';
import { mskEvent } from '../../support/mskEvents';
import { consumeFromStart, createTopic, testKafka } from '../support/kafka';
import { snapshotTable } from './snapshotTableFixture';

// G6: poison goes to a real dead-letter topic, and the partition carries on after it.
describe('projection runner dead letters (real broker)', () => {
  it('G6: an undecodable record lands in the dead-letter topic with its reason and parks its aggregate; later records are processed', async () => {
    const source = await createTopic('g6-source');
    const deadLetterTopic = await createTopic('g6-dlq');
    const poison = encodeEnvelope(
      accountEnvelope('poisoned', 1, { type: 'AccountOpened', data: { owner: 'p' } }),
      accountCatalog,
    );
    const messages = [
      ...accountHistory('a', [5]).slice(0, 1),
      'poison' as const,
      ...accountHistory('a', [5, 6]).slice(1),
      ...accountHistory('b', []),
    ].map((item) =>
      item === 'poison'
        ? { key: poison.key, value: '{"owner":', headers: poison.headers } // truncated JSON
        : { ...encodeEnvelope(item, accountCatalog) },
    );
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({
      topic: source,
      messages: messages.map((m) => ({ ...m, headers: { ...m.headers } })),
    });
    await producer.disconnect();

    // The records exactly as Kafka returns them, shaped as the event source mapping would.
    const consumed = await consumeFromStart(source, { until: (seen) => seen.length === messages.length });
    const records: MSKRecord[] = consumed.map((message) =>
      toMskRecord({ topic: source, ...message, headers: message.headers ?? {} }),
    );

    const { store, client } = await snapshotTable<AccountDoc>('g6');
    const deadLetters = createKafkaDeadLetterSink({ kafka: testKafka('g6-dlq'), topic: deadLetterTopic });
    const handler = createProjectionHandler({
      projection: accountProjection,
      store,
      deadLetters,
      log: () => undefined,
    });

    try {
      expect(await handler(mskEvent(records))).toMatchObject({
        records: 5,
        // It names its aggregate (ce_subject): that aggregate parks, rather than losing the record alone.
        poison: 0,
        parked: 1,
        parkedEvents: 1,
        applied: 4,
        writes: 3,
      });
    } finally {
      await deadLetters.close();
    }

    expect(await store.get('a', { consistent: true })).toMatchObject({ version: 3, doc: { balance: 11 } });
    expect(await store.get('b', { consistent: true })).toMatchObject({ version: 1 });
    expect(await store.get('poisoned', { consistent: true })).toMatchObject({
      version: 0,
      parked: { version: 1, reason: 'not_json', letters: 1 },
    });

    const [letter] = await consumeFromStart(deadLetterTopic, { until: (seen) => seen.length >= 1 });
    const original = consumed[1]!;
    const header = (name: string) => letter!.headers?.[name]?.toString();
    expect(letter!.key).toEqual(original.key);
    expect(letter!.value).toEqual(original.value);
    expect(header('dlq_reason')).toBe('not_json');
    expect(header('dlq_detail')).toEqual(expect.any(String));
    expect(header('dlq_source_topic')).toBe(source);
    expect(header('dlq_source_partition')).toBe('0');
    expect(header('dlq_source_offset')).toBe(original.offset);
    expect(header('dlq_consumer')).toBe('accounts');
    expect(header('dlq_parked_aggregate')).toBe('poisoned');
    for (const [name, value] of Object.entries(poison.headers)) expect(header(name)).toBe(value);
    client.destroy();
  });
});
