import { Kafka, type Producer, type ProducerConfig, type RecordMetadata, type Transaction } from 'kafkajs';

/** What a tap may do around a transactional producer's calls. */
export interface TransactionHooks {
  /** After `sendBatch` resolved, with where the records went. */
  afterSend?(records: RecordMetadata[]): void;
  /** Before `commit` sends EndTxn; it may pause the broker, or never resolve (a process about to die). */
  beforeCommit?(): Promise<void> | void;
}

/**
 * Puts `hooks` around every transaction of every transactional producer created from now on in this
 * process (through `Kafka.prototype.producer`, which the event log calls lazily). This is the fault
 * injection point between "sent" and "committed", which the command handler's step hooks do not
 * have: the code under test keeps its own clients and settings. Returns the undo.
 */
export function tapTransactions(hooks: TransactionHooks): () => void {
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
