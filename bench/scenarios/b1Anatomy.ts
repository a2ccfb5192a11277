import type { Kafka, Producer } from 'kafkajs';
import type { Recorder } from '../scenario';

const APPENDS = 30;

/** Counts the requests a producer sends, by Kafka API, through kafkajs's instrumentation events. */
function countRequests(producer: Producer): Map<string, number> {
  const counts = new Map<string, number>();
  producer.on(producer.events.REQUEST, ({ payload }) => {
    counts.set(payload.apiName, (counts.get(payload.apiName) ?? 0) + 1);
  });
  return counts;
}

/**
 * What one append costs on the wire: a producer configured as lib/eventLog/kafkaEventLog.ts
 * configures its slots, sending one record per transaction, against an idempotent producer
 * sending the same record. Spaced 5 ms apart, as the command path spaces them with its DynamoDB calls.
 */
export async function appendAnatomy(kafka: Kafka, topic: string, recorder: Recorder): Promise<void> {
  const transactional = kafka.producer({
    transactionalId: `bench-anatomy-${Math.random().toString(36).slice(2)}`,
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: 30_000,
    retry: { retries: 5, initialRetryTime: 10, maxRetryTime: 1_000 },
  });
  const idempotent = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await Promise.all([transactional.connect(), idempotent.connect()]);
  try {
    const tx = countRequests(transactional);
    const idem = countRequests(idempotent);
    const message = (i: number) => ({ key: `anatomy-${i % 10}`, value: '{"quantity":1}' });
    for (let i = 0; i < APPENDS; i += 1) {
      const transaction = await transactional.transaction();
      await transaction.send({ topic, messages: [message(i)] });
      await transaction.commit();
      await idempotent.send({ topic, acks: -1, messages: [message(i)] });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);
    recorder.record('wire.tx', 'Kafka requests per transactional append', 'requests', total(tx) / APPENDS);
    recorder.record(
      'wire.txCoordinator',
      '… of which FindCoordinator',
      'requests',
      (tx.get('GroupCoordinator') ?? 0) / APPENDS,
    );
    recorder.record('wire.idem', 'Kafka requests per idempotent append', 'requests', total(idem) / APPENDS);
  } finally {
    await Promise.allSettled([transactional.disconnect(), idempotent.disconnect()]);
  }
}
