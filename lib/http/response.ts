import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface JsonResponseOptions {
  /** The resource version after this request; sent as `ETag: "<version>"` for later If-Match. */
  etag?: number;
  /** `Location` header, e.g. of a created resource. */
  location?: string;
  /** Further headers; names are lower-cased, and these win over the defaults. */
  headers?: Record<string, string>;
}

/**
 * Formats a resource version as a strong entity tag. The version is the whole validator: two
 * representations with the same version are the same state, so a strong tag is honest.
 *
 * @example
 * etag(3); // '"3"'
 */
export function etag(version: number): string {
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new RangeError(`a version must be a non-negative integer, got ${version}`);
  }
  return `"${version}"`;
}

/**
 * A JSON response for API Gateway (payload 2.0). A `body` of `undefined` sends no body and no
 * content type (e.g. for 204).
 *
 * @example
 * return jsonResponse(201, { orderId }, { etag: 1, location: `/orders/${orderId}` });
 */
export function jsonResponse(
  status: number,
  body: unknown,
  options: JsonResponseOptions = {},
): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.etag !== undefined) headers.etag = etag(options.etag);
  if (options.location !== undefined) headers.location = options.location;
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const result: APIGatewayProxyStructuredResultV2 = { statusCode: status, headers };
  if (body !== undefined) result.body = JSON.stringify(body);
  return result;
}
