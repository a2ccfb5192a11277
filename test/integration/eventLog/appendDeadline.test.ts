import { setTimeout as sleep } from 'node:timers/promises';
import { EventLogError, type LogRecord } from '../../../lib/eventLog/eventLog';
import type { ConnectProducer } from '../../../lib/eventLog/transactionalProducer';
import { kafkaClients, testConnect, testEventLog } from '../support/eventLogs';
import { consumeFromStart, createTopic } from '../support/kafka';
import { uniqueName } from '../support/names';

/** Producers of which the first holds every commit back by `delayMs` before sending it. */
function slowFirstCommit(delayMs: number) {
  let made = 0;
  let reportLateCommit: (outcome: unknown) => void = () => undefined;
  const lateCommit = new Promise((resolve) => (reportLateCommit = resolve));
  const wrap =
    (connect: ConnectProducer): ConnectProducer =>
    async (transactionalId) => {
      const real = await connect(transactionalId);
      made += 1;
      if (made > 1) return real;
      return {
        ...real,
        begin: async () => {
          const tx = await real.begin();
          const commit = async () => {
            await sleep(delayMs);
            reportLateCommit(
              await tx.commit().then(
                () => 'committed',
                (error: unknown) => error,
              ),
            );
          };
          return { ...tx, commit };
        },
      };
    };
  return { wrap, lateCommit };
}

const record = (topic: string, value: string): LogRecord => ({ topic, key: 'k', value, headers: {} });

describe.each(kafkaClients)('the Kafka event log (%s) with an append deadline', (client) => {
  // The deadlines below are about a slow commit or a slow connection, not the broker's first
  // transactional producer (it creates __transaction_state: over a second) nor loading the client.
  beforeAll(async () => {
    const warm = await testConnect(client)(uniqueName('warm-up'));
    await warm.close();
  });

  it('fails an append that outlives its deadline as unknown, and the late commit never becomes visible', async () => {
    const topic = await createTopic('append-deadline');
    const { wrap, lateCommit } = slowFirstCommit(2_000);
    const log = testEventLog({
      client,
      wrap,
      transactionalIdPrefix: uniqueName('deadline'),
      appendTimeoutMs: 1_000,
    });
    try {
      const slow = log.append([record(topic, 'slow')]);
      await expect(slow).rejects.toBeInstanceOf(EventLogError);
      await expect(slow).rejects.toMatchObject({ outcome: 'unknown', message: /longer than 1000 ms/ });

      await log.append([record(topic, 'next')]);
      // Fenced by the next producer's epoch (kafkajs reconnects the discarded one to try), or
      // refused by the closed client (@platformatic/kafka): either way not committed.
      expect(await lateCommit).toBeInstanceOf(Error);
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
    let connects = 0;
    const slowConnect =
      (connect: ConnectProducer): ConnectProducer =>
      async (transactionalId) => {
        connects += 1;
        await sleep(1_500);
        return connect(transactionalId);
      };
    const log = testEventLog({
      client,
      wrap: slowConnect,
      transactionalIdPrefix: uniqueName('connecting'),
      appendTimeoutMs: 1_000,
    });
    try {
      await expect(log.append([record(topic, 'given-up')])).rejects.toMatchObject({
        outcome: 'aborted',
        message: /could not connect to Kafka within 1000 ms/,
      });
      await log.append([record(topic, 'next')]);
      expect(connects).toBe(1);
      const seen = await consumeFromStart(topic, {
        until: (messages) => messages.some((m) => m.value?.toString() === 'next'),
      });
      expect(seen.map((m) => m.value?.toString())).toEqual(['next']);
    } finally {
      await log.close();
    }
  });
});
