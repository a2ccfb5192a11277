import type { Message } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { ConsumedKafkaRecord } from '../../kafka/mskRecord';
import { toMskEvent, type EventSourceIdentity } from './mskEvent';

/** Headers of the records the emulator writes to the on-failure topic (values are UTF-8). */
export const FailureHeader = {
  functionName: 'lambda_function_name',
  condition: 'lambda_condition',
  errorMessage: 'lambda_error_message',
  attempts: 'lambda_invoke_count',
  topic: 'source_topic',
  partition: 'source_partition',
  startOffset: 'source_start_offset',
  endOffset: 'source_end_offset',
} as const;

export interface FailedBatch extends EventSourceIdentity {
  readonly functionName: string;
  readonly functionArn: string;
  readonly consumerGroupId: string;
  /** Records of one failed batch (or bisected part of one), any number of partitions. */
  readonly records: readonly ConsumedKafkaRecord[];
  readonly error: unknown;
  readonly attempts: number;
  readonly requestId?: string;
  readonly now?: Date;
}

const MAX_ERROR_MESSAGE = 1024;

/**
 * The on-failure records for a batch whose retries ran out: one per topic partition of the batch,
 * keyed `"<topic>-<partition>"` so a partition's failures stay in order on the failure topic.
 *
 * The value is AWS's invocation record for Kafka sources (requestContext, responseContext,
 * version, timestamp, KafkaBatchInfo for the one partition) with `payload`, the MSK event of
 * exactly those records, as AWS sends for destinations that receive the records. Headers carry
 * the function, error message and source range, so tools can filter without parsing the value.
 *
 * @example
 * await producer.send({ topic: onFailureTopic, messages: failureMessages(batch) });
 */
export function failureMessages(batch: FailedBatch): Message[] {
  const slices = new Map<string, ConsumedKafkaRecord[]>();
  for (const record of batch.records) {
    const key = `${record.topic}-${record.partition}`;
    slices.set(key, [...(slices.get(key) ?? []), record]);
  }
  return [...slices].map(([key, records]) => sliceMessage(batch, key, records));
}

function sliceMessage(batch: FailedBatch, key: string, records: ConsumedKafkaRecord[]): Message {
  const first = records[0]!;
  const last = records[records.length - 1]!;
  const now = batch.now ?? new Date();
  const errorMessage = (batch.error instanceof Error ? batch.error.message : String(batch.error)).slice(
    0,
    MAX_ERROR_MESSAGE,
  );
  const invocationRecord = {
    requestContext: {
      requestId: batch.requestId ?? randomUUID(),
      functionArn: batch.functionArn,
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: batch.attempts,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: now.toISOString(),
    KafkaBatchInfo: {
      batchSize: records.length,
      topic: first.topic,
      partition: first.partition,
      startOffset: Number(first.offset),
      endOffset: Number(last.offset),
      approximateArrivalOfFirstRecord: new Date(Number(first.timestamp)).toISOString(),
      approximateArrivalOfLastRecord: new Date(Number(last.timestamp)).toISOString(),
      bootstrapServers: batch.bootstrapServers,
      consumerGroupId: batch.consumerGroupId,
    },
    payload: toMskEvent(records, batch),
  };
  return {
    key,
    value: JSON.stringify(invocationRecord),
    headers: {
      [FailureHeader.functionName]: batch.functionName,
      [FailureHeader.condition]: 'RetryAttemptsExhausted',
      [FailureHeader.errorMessage]: errorMessage,
      [FailureHeader.attempts]: String(batch.attempts),
      [FailureHeader.topic]: first.topic,
      [FailureHeader.partition]: String(first.partition),
      [FailureHeader.startOffset]: first.offset,
      [FailureHeader.endOffset]: last.offset,
    },
  };
}
