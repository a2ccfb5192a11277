import type * as Platformatic from '@platformatic/kafka' with { 'resolution-mode': 'import' };
import { Kafka, type Producer, type ProducerConfig, type RecordMetadata, type Transaction } from 'kafkajs';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- ESM-only, loaded as lib/eventLog loads it
const platformatic = () => require('@platformatic/kafka') as typeof Platformatic;

/** What a tap may do around a transactional producer's calls. */
export interface TransactionHooks {
  /** After `sendBatch` resolved, with where the records went. */
  afterSend?(records: RecordMetadata[]): void;
  /** Before `commit` sends EndTxn; it may pause the broker, or never resolve (a process about to die). */
  beforeCommit?(): Promise<void> | void;
}

/**
 * Puts `hooks` around every transaction of every transactional producer created from now on in this
 * process, on either client (through `Kafka.prototype.producer`, which the event log calls lazily, or
 * @platformatic/kafka's `Producer.prototype.beginTransaction`). This is the fault
 * injection point between "sent" and "committed", which the command handler's step hooks do not
 * have: the code under test keeps its own clients and settings. Returns the undo.
 */
export function tapTransactions(hooks: TransactionHooks): () => void {
  const untapPlatformatic = tapPlatformatic(hooks);
  const untapKafkajs = tapKafkajs(hooks);
  return () => {
    untapKafkajs();
    untapPlatformatic();
  };
}

function tapKafkajs(hooks: TransactionHooks): () => void {
  const original = Object.getOwnPropertyDescriptor(Kafka.prototype, 'producer')!;
  const create = original.value as (this: Kafka, config?: ProducerConfig) => Producer;
  Object.defineProperty(Kafka.prototype, 'producer', {
    ...original,
    value: function producer(this: Kafka, config?: ProducerConfig): Producer {
      const real = create.call(this, config);
      if (!config?.transactionalId) return real;
      return { ...real, transaction: async () => tapped(await real.transaction(), hooks) };
    },
  });
  return () => Object.defineProperty(Kafka.prototype, 'producer', original);
}

function tapped(transaction: Transaction, hooks: TransactionHooks): Transaction {
  return {
    ...transaction,
    sendBatch: async (batch) => {
      const records = await transaction.sendBatch(batch);
      hooks.afterSend?.(records);
      return records;
    },
    commit: async () => {
      await hooks.beforeCommit?.();
      return transaction.commit();
    },
  };
}

type PlatformaticTransaction = Awaited<ReturnType<Platformatic.Producer['beginTransaction']>>;

/** The same around @platformatic/kafka's transactions (KAFKA_CLIENT=platformatic). */
function tapPlatformatic(hooks: TransactionHooks): () => void {
  const prototype = platformatic().Producer.prototype;
  const original = Object.getOwnPropertyDescriptor(prototype, 'beginTransaction')!;
  const begin = original.value as (options?: object) => Promise<PlatformaticTransaction>;
  Object.defineProperty(prototype, 'beginTransaction', {
    ...original,
    value: async function beginTransaction(this: Platformatic.Producer, options?: object) {
      const transaction = await begin.call(this, options);
      const send = transaction.send.bind(transaction) as (o: object) => Promise<Platformatic.ProduceResult>;
      const commit: () => Promise<void> = transaction.commit.bind(transaction);
      return Object.assign(transaction, {
        send: async (sendOptions: object) => {
          const result = await send(sendOptions);
          hooks.afterSend?.(
            (result.offsets ?? []).map((o): RecordMetadata => ({
              topicName: o.topic,
              partition: o.partition,
              errorCode: 0,
              baseOffset: String(o.offset),
            })),
          );
          return result;
        },
        commit: async () => {
          await hooks.beforeCommit?.();
          return commit();
        },
      });
    },
  });
  return () => Object.defineProperty(prototype, 'beginTransaction', original);
}
