import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import type { DeadLetter, DeadLetterSink } from './deadLetterSink';
import { deadLetterHeaders } from './deadLetterSink';

export interface KafkaDeadLetterSinkOptions {
  /** The client, or a function giving it (createKafka is async when it looks up MSK brokers). */
  readonly kafka: Kafka | (() => Promise<Kafka>);
  /** The dead-letter topic; its max.message.bytes must be at least that of the source topics. */
  readonly topic: string;
  /** kafkajs retries per send; bounded so a broker outage fails the batch instead of the Lambda timing out. */
  readonly retries?: number;
}

/** A {@link DeadLetterSink} that can also let go of its connection (tests, local runtime shutdown). */
export interface ClosableDeadLetterSink extends DeadLetterSink {
  close(): Promise<void>;
}

/**
 * The Kafka adapter of {@link DeadLetterSink}: the original key, value and headers plus the `dlq_*`
 * headers, written with acks=all by an idempotent producer (no duplicates from its own retries).
 * Not transactional: letters are written before the batch's snapshots and outside any transaction
 * of the source, so there is nothing to be atomic with. The producer is created on first use and
 * reused for the life of the execution environment; after a failure the next send starts afresh.
 *
 * @example
 * const deadLetters = createKafkaDeadLetterSink({ kafka: () => createKafka(config), topic: config.DLQ_TOPIC });
 */
export function createKafkaDeadLetterSink(options: KafkaDeadLetterSinkOptions): ClosableDeadLetterSink {
  let producer: Promise<Producer> | undefined;

  const discard = (stale: Promise<Producer>) => {
    if (producer === stale) producer = undefined;
    void stale.then((p) => p.disconnect()).catch(() => undefined);
  };

  return {
    async send(letters) {
      if (letters.length === 0) return;
      const current = (producer ??= connect(options));
      try {
        await (await current).send({ topic: options.topic, acks: -1, messages: letters.map(toMessage) });
      } catch (error) {
        discard(current);
        throw new Error(`could not dead-letter ${letters.length} record(s) to ${options.topic}`, {
          cause: error,
        });
      }
    },
    async close() {
      const current = producer;
      producer = undefined;
      if (current) await current.then((p) => p.disconnect()).catch(() => undefined);
    },
  };
}

async function connect(options: KafkaDeadLetterSinkOptions): Promise<Producer> {
  const kafka = typeof options.kafka === 'function' ? await options.kafka() : options.kafka;
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
    // Bounded retries make kafkajs warn that exactly-once may suffer; a duplicate dead letter is
    // acceptable (letters are at least once anyway), a hung invocation is not.
    retry: { retries: options.retries ?? 5, initialRetryTime: 100, maxRetryTime: 2_000 },
  });
  try {
    await producer.connect();
    return producer;
  } catch (error) {
    await producer.disconnect().catch(() => undefined);
    throw error;
  }
}

function toMessage(letter: DeadLetter): Message {
  return { key: letter.record.key, value: letter.record.value, headers: deadLetterHeaders(letter) };
}
