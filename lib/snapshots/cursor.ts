import { AppError, ErrorKind } from '../errors/appError';

// LastEvaluatedKeys are a few key attributes; anything far longer is not a cursor we issued.
const MAX_CURSOR_LENGTH = 4096;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The opaque page cursor handed to API callers: base64url of the JSON of the last evaluated key.
 *
 * @example
 * const nextCursor = out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined;
 */
export function encodeCursor(key: Readonly<Record<string, unknown>>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * The key inside a cursor. A cursor comes from the caller, so anything malformed is their error:
 * an AppError `validation` on `query.cursor`, never a 500.
 *
 * @example
 * const exclusiveStartKey = cursor === undefined ? undefined : decodeCursor(cursor);
 */
export function decodeCursor(cursor: string): Record<string, unknown> {
  // Buffer.from(s, 'base64url') skips characters outside the alphabet: check them first.
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor))
    throw invalidCursor();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key) || Object.keys(key).length === 0) {
    throw invalidCursor();
  }
  return key as Record<string, unknown>;
}

/** The validation error every cursor problem becomes. */
export function invalidCursor(cause?: unknown): AppError {
  const message = 'cursor is not one this API issued';
  return new AppError(ErrorKind.Validation, message, { cause, issues: [{ field: 'query.cursor', message }] });
}
