import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka, Producer } from 'kafkajs';
import { EventLogError, type LogRecord } from '../../../lib/eventLog/eventLog';
import { createKafkaEventLog } from '../../../lib/eventLog/kafkaEventLog';
import { consumeFromStart, createTopic, testKafka } from '../support/kafka';
import { uniqueName } from '../support/names';

/** A client whose first producer holds every commit back by `delayMs` before sending it. */
function slowFirstCommit(kafka: Kafka, delayMs: number): { kafka: Kafka; lateCommit: Promise<unknown> } {
  let made = 0;
  let reportLateCommit: (outcome: unknown) => void = () => undefined;
  const lateCommit = new Promise((resolve) => (reportLateCommit = resolve));
  const producer = (config: Parameters<Kafka['producer']>[0]): Producer => {
    const real = kafka.producer(config);
    made += 1;
    if (made > 1) return real;
    const transaction = real.transaction.bind(real);
    real.transaction = async () => {
      const tx = await transaction();
      const commit = tx.commit.bind(tx);
      tx.commit = async () => {
        await sleep(delayMs);
        const outcome = commit().then(
          () => 'committed',
          (error: Error) => error,
        );
        reportLateCommit(await outcome);
      };
      return tx;
    };
    return real;
  };
  return { kafka: { producer } as unknown as Kafka, lateCommit };
}

const record = (topic: string, value: string): LogRecord => ({ topic, key: 'k', value, headers: {} });

describe('the Kafka event log with an append deadline', () => {
  it('fails an append that outlives its deadline as unknown, and fences its producer with the next one', async () => {
    const topic = await createTopic('append-deadline');
    const { kafka, lateCommit } = slowFirstCommit(testKafka(), 2_000);
    const log = createKafkaEventLog({
      kafka,
      transactionalIdPrefix: uniqueName('deadline'),
      appendTimeoutMs: 1_000,
    });
    try {
      const slow = log.append([record(topic, 'slow')]);
      await expect(slow).rejects.toBeInstanceOf(EventLogError);
      await expect(slow).rejects.toMatchObject({ outcome: 'unknown', message: /longer than 1000 ms/ });

      await log.append([record(topic, 'next')]);
      expect(await lateCommit).toMatchObject({ message: expect.stringMatching(/epoch|fenced/i) as unknown });
      await log.append([record(topic, 'marker')]);
      const seen = await consumeFromStart(topic, {
        until: (messages) => messages.some((m) => m.value?.toString() === 'marker'),
      });
      expect(seen.map((m) => m.value?.toString())).toEqual(['next', 'marker']);
    } finally {
      await log.close();
    }
  });

  it('gives up an append still connecting as aborted, sends nothing for it, and keeps the connection for the next', async () => {
    const topic = await createTopic('append-connecting');
    let lookups = 0;
    const slowLookup = async () => {
      lookups += 1;
      await sleep(1_500);
      return testKafka();
    };
    const log = createKafkaEventLog({
      kafka: slowLookup,
      transactionalIdPrefix: uniqueName('connecting'),
      appendTimeoutMs: 1_000,
    });
    try {
      await expect(log.append([record(topic, 'given-up')])).rejects.toMatchObject({
        outcome: 'aborted',
        message: /could not connect to Kafka within 1000 ms/,
      });
      await log.append([record(topic, 'next')]);
      expect(lookups).toBe(1);
      const seen = await consumeFromStart(topic, {
        until: (messages) => messages.some((m) => m.value?.toString() === 'next'),
      });
      expect(seen.map((m) => m.value?.toString())).toEqual(['next']);
    } finally {
      await log.close();
    }
  });
});
