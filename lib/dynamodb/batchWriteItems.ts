import { BatchWriteItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AppError, ErrorKind } from '../errors/appError';

type Item = Record<string, AttributeValue>;

/** BatchWriteItem takes at most 25 puts or deletes per request. */
export const BATCH_WRITE_LIMIT = 25;

/**
 * Puts every item, 25 per request and `concurrency` requests in flight (default 1), retrying what
 * DynamoDB leaves as UnprocessedItems with jittered exponential backoff a bounded number of times:
 * a throttled table then fails the caller (a projection batch is retried) instead of hanging.
 * Puts are unconditional: for idempotent writes, or a table with one writer (a rebuild).
 */
export async function batchPutItems(
  client: DynamoDBClient,
  tableName: string,
  items: readonly Item[],
  options: { maxRetries?: number; baseDelayMs?: number; concurrency?: number } = {},
): Promise<void> {
  const chunks: Item[][] = [];
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
    chunks.push(items.slice(start, start + BATCH_WRITE_LIMIT));
  }
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) await putChunk(client, tableName, chunks[next++]!, options);
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 1, chunks.length) }, worker));
}

async function putChunk(
  client: DynamoDBClient,
  tableName: string,
  chunk: readonly Item[],
  options: { maxRetries?: number; baseDelayMs?: number },
): Promise<void> {
  let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt > (options.maxRetries ?? 5)) {
      throw new AppError(ErrorKind.Unavailable, `${tableName} is throttling writes; retry shortly`, {
        retryAfterSeconds: 1,
        details: { unprocessedItems: pending.length },
      });
    }
    if (attempt > 0) await sleep(Math.random() * (options.baseDelayMs ?? 50) * 2 ** attempt);
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
    pending = (out.UnprocessedItems?.[tableName] ?? []).filter(
      (request) => request.PutRequest?.Item,
    ) as typeof pending;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
