import type { Kafka } from 'kafkajs';
import { EventLogError } from '../../../../lib/eventLog/eventLog';
import { kafkajsProducer } from '../../../../lib/eventLog/kafkajsProducer';
import { ProducerSlot } from '../../../../lib/eventLog/producerSlot';

/** Producers whose transactions fail their send while `failSends` says so, counting what was made. */
function fakeKafka(failSends: () => boolean) {
  const made: { aborts: number; commits: number; disconnected: boolean }[] = [];
  const kafka = {
    producer: () => {
      const producer = { aborts: 0, commits: 0, disconnected: false };
      made.push(producer);
      return {
        connect: () => Promise.resolve(),
        disconnect: () => Promise.resolve(void (producer.disconnected = true)),
        transaction: () =>
          Promise.resolve({
            sendBatch: () =>
              failSends() ? Promise.reject(new Error('INVALID_PRODUCER_EPOCH')) : Promise.resolve([]),
            abort: () => Promise.resolve(void (producer.aborts += 1)),
            commit: () => Promise.resolve(void (producer.commits += 1)),
          }),
      };
    },
  } as unknown as Kafka;
  return { kafka, made };
}

const records = [{ topic: 't', key: 'k', value: '{}', headers: {} }];

describe('ProducerSlot', () => {
  it('aborts a transaction whose send failed, then replaces the producer even though the abort succeeded', async () => {
    let failing = true;
    const { kafka, made } = fakeKafka(() => failing);
    const slot = new ProducerSlot(kafkajsProducer({ kafka }), 'tx-1');

    await expect(slot.append(records)).rejects.toEqual(
      new EventLogError('aborted', 'could not send to Kafka; transaction aborted'),
    );
    failing = false;
    await slot.append(records);

    // Each producer first begins and aborts an empty transaction: that is how it gets its epoch.
    expect(made).toEqual([
      { aborts: 2, commits: 0, disconnected: true },
      { aborts: 1, commits: 1, disconnected: false },
    ]);
  });
});
