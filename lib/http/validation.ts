import type { z } from 'zod';
import { AppError, ErrorKind, type FieldIssue } from '../errors/appError';

/** Names the request field an issue path points at, e.g. `['items', 0]` → `items.0`. */
export type FieldNamer = (path: readonly PropertyKey[]) => string;

/**
 * Joins a zod path with dots, under an optional prefix (`query`, `path.orderId`); the empty path is
 * the `root` itself.
 *
 * @example
 * fieldNamer('', '(body)')(['items', 0, 'quantity']); // 'items.0.quantity'
 * fieldNamer('query', 'query')(['limit']); // 'query.limit'
 */
export function fieldNamer(prefix: string, root: string): FieldNamer {
  return (path) => {
    if (path.length === 0) return root;
    const joined = path.map((key) => String(key)).join('.');
    return prefix ? `${prefix}.${joined}` : joined;
  };
}

/**
 * Converts zod issues to {@link FieldIssue}s. An unknown key (strict objects) becomes one issue per
 * key, named after the key, so a client sees `items.0.colour` rather than a complaint about `items.0`.
 *
 * @example
 * toFieldIssues(result.error.issues, fieldNamer('', '(body)')); // [{ field: 'items.0.colour', message: 'Unknown field' }]
 */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[], name: FieldNamer): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: name([...issue.path, key]), message: 'Unknown field' }));
    }
    return [{ field: name(issue.path), message: issue.message }];
  });
}

/**
 * Runs a synchronous schema; on failure throws a `validation` {@link AppError} with one issue per
 * problem.
 *
 * @example
 * validate(z.strictObject({ limit: z.coerce.number() }), { limit: 'x' }, 'Invalid query', fieldNamer('query', 'query'));
 */
export function validate<T>(schema: z.ZodType<T>, input: unknown, detail: string, name: FieldNamer): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError(ErrorKind.Validation, detail, { issues: toFieldIssues(result.error.issues, name) });
}

/**
 * A `validation` error about one field; `detail` is the sentence the caller reads (default: `message`).
 *
 * @example
 * throw invalidField('header.if-match', 'must be a version ETag', 'Invalid If-Match header');
 */
export function invalidField(field: string, message: string, detail = message): AppError {
  return new AppError(ErrorKind.Validation, detail, { issues: [{ field, message }] });
}
