import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Kafka } from 'kafkajs';

/** The DynamoDB operations that change data; everything else only reads. */
export const WRITE_COMMANDS = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

export interface DynamoWrite {
  readonly command: string;
  readonly table: string;
  /** The item's partition key value (`id` or `key`), or `(batch)`. */
  readonly key: string;
}

export interface WriteCounter {
  /** Every write sent since the last reset, in order. */
  readonly writes: readonly DynamoWrite[];
  reset(): void;
  detach(): void;
}

type Input = {
  TableName?: string;
  Item?: Record<string, AttributeValue>;
  Key?: Record<string, AttributeValue>;
};

/**
 * Records every write a client sends, whoever sends it (the handlers' command path, projections,
 * reactors): an SDK middleware at the `initialize` step, so one logical call counts once however
 * many times the SDK retries it.
 *
 * @example
 * const counter = countDynamoWrites(getDynamo());
 * expect(counter.writes).toEqual([]);
 */
export function countDynamoWrites(client: DynamoDBClient, name = 'reliabilityWriteCounter'): WriteCounter {
  const writes: DynamoWrite[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      const command = context.commandName ?? '';
      if (WRITE_COMMANDS.has(command)) writes.push({ command, ...describe(args.input as Input) });
      return next(args);
    },
    { step: 'initialize', name },
  );
  return {
    writes,
    reset: () => void writes.splice(0),
    detach: () => void client.middlewareStack.remove(name),
  };
}

function describe(input: Input): { table: string; key: string } {
  const attributes = input.Item ?? input.Key;
  const key = attributes?.id?.S ?? attributes?.key?.S ?? '(batch)';
  return { table: input.TableName ?? '(batch)', key };
}

/**
 * The high watermark of every partition of `topics` (`topic-partition` → offset). It moves with
 * every record and every transaction marker, so "unchanged" means nothing at all was produced.
 */
export async function endOffsets(kafka: Kafka, topics: readonly string[]): Promise<Map<string, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const result = new Map<string, bigint>();
    for (const topic of topics) {
      for (const { partition, high } of await admin.fetchTopicOffsets(topic)) {
        result.set(`${topic}-${partition}`, BigInt(high));
      }
    }
    return result;
  } finally {
    await admin.disconnect();
  }
}

/** How many offsets each partition moved between two {@link endOffsets} readings (moved ones only). */
export function offsetsMoved(
  before: ReadonlyMap<string, bigint>,
  after: ReadonlyMap<string, bigint>,
): Record<string, number> {
  const moved: Record<string, number> = {};
  for (const [partition, end] of after) {
    const delta = Number(end - (before.get(partition) ?? 0n));
    if (delta !== 0) moved[partition] = delta;
  }
  return moved;
}
