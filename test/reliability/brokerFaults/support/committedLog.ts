import type { IHeaders, Kafka } from 'kafkajs';
import { decodeRecord } from '../../../../lib/envelope/decodeRecord';
import type { EventEnvelope } from '../../../../lib/envelope/eventEnvelope';
import type { EventCatalog } from '../../../../lib/envelope/eventCatalog';
import type { DomainEvent } from '../../../../lib/domain/decider';
import { uniqueName } from '../../../integration/support/names';

export interface LoggedEvent<Event extends DomainEvent> {
  readonly partition: number;
  readonly offset: string;
  readonly envelope: EventEnvelope<Event>;
}

/**
 * Everything a read_committed consumer sees on `topic` from the start up to the current last stable
 * offsets, decoded. Call it once the system is idle: records of transactions still open are not
 * readable yet and would be missing. Throws on a record that does not decode.
 */
export async function readCommittedLog<Event extends DomainEvent>(
  kafka: Kafka,
  topic: string,
  catalog: EventCatalog<Event>,
  timeoutMs = 60_000,
): Promise<LoggedEvent<Event>[]> {
  const ends = await lastStableOffsets(kafka, topic);
  const reached = new Map<number, bigint>();
  const events: LoggedEvent<Event>[] = [];
  const consumer = kafka.consumer({
    groupId: uniqueName('audit'),
    readUncommitted: false,
    maxWaitTimeInMs: 100,
  });
  const done = () => [...ends].every(([partition, end]) => (reached.get(partition) ?? -1n) >= end - 1n);
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${topic}: log not read to its end in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const finishIfDone = () => {
        if (!done()) return;
        clearTimeout(timer);
        resolve();
      };
      // kafkajs calls eachMessage for no control record (nor aborted one): this event says how far
      // each fetch reached, markers included.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        const last = BigInt(payload.lastOffset);
        if (last > (reached.get(payload.partition) ?? -1n)) reached.set(payload.partition, last);
        finishIfDone();
      });
      finishIfDone();
      consumer
        .run({
          eachMessage: ({ partition, message }) => {
            const decoded = decodeRecord({ ...message, headers: asBuffers(message.headers) }, catalog);
            if (!decoded.ok) throw new Error(`${topic}-${partition}@${message.offset}: ${decoded.detail}`);
            events.push({ partition, offset: message.offset, envelope: decoded.envelope });
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return events;
}

async function lastStableOffsets(kafka: Kafka, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // kafkajs's admin lists offsets read_committed: `high` is the last stable offset.
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.filter((o) => o.high !== o.low).map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

// kafkajs types header values loosely (string, Buffer or a list of them); ours are single Buffers.
function asBuffers(headers: IHeaders | undefined): Record<string, Buffer | undefined> {
  const result: Record<string, Buffer | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    result[name] = typeof first === 'string' ? Buffer.from(first) : first;
  }
  return result;
}
