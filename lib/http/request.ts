import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { fieldNamer, invalidField, validate } from './validation';

export {
  parseJsonBody,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_JSON_DEPTH,
  type ParseJsonBodyOptions,
} from './jsonBody';
export { headerValue, idempotencyKey, parseIfMatch } from './headers';

/**
 * A path parameter of the matched route (API Gateway has already URL-decoded it), optionally
 * validated. A missing or empty parameter, or one the schema rejects, is a 400 on `path.<name>`.
 *
 * @example
 * const orderId = parsePathParameter(event, 'orderId', z.uuid());
 */
export function parsePathParameter(event: APIGatewayProxyEventV2, name: string): string;
export function parsePathParameter<T>(event: APIGatewayProxyEventV2, name: string, schema: z.ZodType<T>): T;
export function parsePathParameter<T>(
  event: APIGatewayProxyEventV2,
  name: string,
  schema?: z.ZodType<T>,
): T | string {
  const field = `path.${name}`;
  const parameters = event.pathParameters ?? {};
  const value = Object.hasOwn(parameters, name) ? parameters[name] : undefined;
  if (value === undefined || value === '') {
    throw invalidField(field, 'is required', `Path parameter ${name} is required`);
  }
  if (!schema) return value;
  return validate(schema, value, `Path parameter ${name} is invalid`, fieldNamer(field, field));
}

/**
 * The query string parameters, validated as one object (`{}` when there are none). API Gateway joins
 * a repeated parameter's values with commas (`?tag=a&tag=b` → `"a,b"`), so split in the schema if a
 * list is meant; values are strings, so use `z.coerce` for numbers. Use `z.strictObject` to reject
 * unknown parameters. Problems are reported on `query.<name>`.
 *
 * @example
 * const { limit } = parseQuery(event, z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) }));
 */
export function parseQuery<T>(event: APIGatewayProxyEventV2, schema: z.ZodType<T>): T {
  const parameters: Record<string, string | undefined> = { ...event.queryStringParameters };
  return validate(schema, parameters, 'The query string is invalid', fieldNamer('query', 'query'));
}
