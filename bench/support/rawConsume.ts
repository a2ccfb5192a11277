import type { Kafka } from 'kafkajs';
import { decodeRecord } from '../../lib/envelope/decodeRecord';
import type { EventCatalog } from '../../lib/envelope/eventCatalog';
import { nowMs } from '../stats';

/**
 * Reads a topic from offset 0 with a plain kafkajs consumer (new group, read_committed, same fetch
 * wait as the event source emulator), decoding every record and nothing more, until `records`
 * were seen. Timed from the group join, as the projected runs are.
 */
export async function rawConsume(
  kafka: Kafka,
  topic: string,
  groupId: string,
  records: number,
  catalog: EventCatalog,
) {
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 100 });
  let joinedAt: number | undefined;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joinedAt ??= nowMs();
  });
  let seen = 0;
  let poison = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const started = nowMs();
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            for (const message of batch.messages) {
              const decoded = decodeRecord(
                { key: message.key, value: message.value, headers: asBuffers(message.headers) },
                catalog,
              );
              if (!decoded.ok) poison += 1;
            }
            seen += batch.messages.length;
            if (seen >= records) resolve();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
    return { ms: nowMs() - (joinedAt ?? started), poison };
  } finally {
    await consumer.disconnect();
  }
}

function asBuffers(headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined) {
  const out: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = typeof last === 'string' ? Buffer.from(last) : last;
  }
  return out;
}
