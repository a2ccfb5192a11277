import type { LogRecord } from './eventLog';

/**
 * What a {@link ProducerSlot} needs of a Kafka client: one connected, idempotent, transactional
 * producer (acks=all) that already holds its producer id and epoch, so a deadline can tell "still
 * connecting" (nothing sent) from "in a transaction" (outcome unknown). kafkajs and
 * @platformatic/kafka each adapt to it in a few lines (kafkajsProducer.ts, platformaticProducer.ts).
 */
export interface TransactionalProducer {
  /** Begins a transaction; it must send nothing to the broker that a deadline would leave in doubt. */
  begin(): Promise<ProducerTransaction>;
  /** Closes the connections; the open transaction, if any, is left for the broker (or a successor). */
  close(): Promise<void>;
}

export interface ProducerTransaction {
  send(records: readonly LogRecord[]): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** Connects the producer of one transactional id, epoch obtained; rejects if it could not. */
export type ConnectProducer = (transactionalId: string) => Promise<TransactionalProducer>;
