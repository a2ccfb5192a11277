import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { decodeCursor, invalidCursor } from './cursor';
import type { SnapshotQuery } from './snapshotStore';

/** The KeyConditionExpression of a query, with names and values as placeholders (no injection). */
export function keyCondition(options: SnapshotQuery) {
  const names: Record<string, string> = { '#pk': options.partitionKey.name };
  const values: Record<string, AttributeValue> = { ':pk': { S: options.partitionKey.value } };
  let expression = '#pk = :pk';
  const sortKey = options.sortKey;
  if (sortKey?.beginsWith !== undefined && sortKey.equals !== undefined) {
    throw new Error('a snapshot query takes sortKey.beginsWith or sortKey.equals, not both');
  }
  if (sortKey?.beginsWith !== undefined) {
    names['#sk'] = sortKey.name;
    values[':sk'] = { S: sortKey.beginsWith };
    expression += ' AND begins_with(#sk, :sk)';
  } else if (sortKey?.equals !== undefined) {
    names['#sk'] = sortKey.name;
    values[':sk'] = { S: sortKey.equals };
    expression += ' AND #sk = :sk';
  }
  return {
    KeyConditionExpression: expression,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** The ExclusiveStartKey inside a cursor; key attributes of snapshot tables are S or N only. */
export function startKey(cursor: string | undefined): Record<string, AttributeValue> | undefined {
  if (cursor === undefined) return undefined;
  const key = decodeCursor(cursor);
  for (const value of Object.values(key)) {
    if (!isKeyAttribute(value)) throw invalidCursor();
  }
  return key as Record<string, AttributeValue>;
}

function isKeyAttribute(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const entries: [string, unknown][] = Object.entries(value);
  if (entries.length !== 1) return false;
  const [type, inner] = entries[0]!;
  return (
    (type === 'S' && typeof inner === 'string') ||
    (type === 'N' && typeof inner === 'string' && isNumber(inner))
  );
}

const isNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text));

/**
 * A well-formed cursor can still name attributes the index does not have (tampered with, or issued
 * for another query): DynamoDB rejects its start key with a ValidationException. That is the
 * caller's fault, so it becomes a validation error; every other failure stays as it is.
 */
export function translateQueryError(error: unknown, hadCursor: boolean): unknown {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  const aboutStartKey = typeof message === 'string' && /start(ing)?\s*key/i.test(message);
  return hadCursor && name === 'ValidationException' && aboutStartKey ? invalidCursor(error) : error;
}
