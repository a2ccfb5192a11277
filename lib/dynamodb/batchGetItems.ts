import { BatchGetItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AppError, ErrorKind } from '../errors/appError';

type Item = Record<string, AttributeValue>;

export interface BatchGetOptions {
  readonly consistent: boolean;
  /** Retries of UnprocessedKeys per chunk before giving up. */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
}

/** BatchGetItem accepts at most 100 keys per request. */
export const BATCH_GET_LIMIT = 100;

/**
 * Reads every key, 100 per request. DynamoDB may answer part of a request (throttling, 16 MB
 * responses) and list the rest as UnprocessedKeys; those are retried with jittered exponential
 * backoff, as AWS advises, a bounded number of times, so a throttled table fails the caller
 * (503 for a query or a command, a retried batch for a projection) instead of hanging until the Lambda timeout.
 * Chunks run one after another: a typical batch is one chunk, and a burst of parallel requests
 * would only deepen the throttling that causes retries.
 */
export async function batchGetItems(
  client: DynamoDBClient,
  tableName: string,
  keys: readonly Item[],
  options: BatchGetOptions,
): Promise<Item[]> {
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
    items.push(...(await getChunk(client, tableName, keys.slice(start, start + BATCH_GET_LIMIT), options)));
  }
  return items;
}

async function getChunk(client: DynamoDBClient, tableName: string, keys: Item[], options: BatchGetOptions) {
  const items: Item[] = [];
  let pending = keys;
  for (let attempt = 0; ; attempt += 1) {
    const out = await client.send(
      new BatchGetItemCommand({
        RequestItems: { [tableName]: { Keys: pending, ConsistentRead: options.consistent } },
      }),
    );
    items.push(...(out.Responses?.[tableName] ?? []));
    pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
    if (pending.length === 0) return items;
    if (attempt >= options.maxRetries) {
      throw new AppError(ErrorKind.Unavailable, `${tableName} is throttling reads; retry shortly`, {
        retryAfterSeconds: 1,
        details: { unprocessedKeys: pending.length },
      });
    }
    await sleep(Math.random() * options.baseDelayMs * 2 ** attempt); // "full jitter"
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
