import * as z from 'zod';
import { problemTypes } from './problemDetails';

/** One operation of the API, described with the same zod schemas the handlers validate with. */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** API Gateway syntax, which is also OpenAPI's: `/orders/{orderId}`. */
  path: string;
  operationId: string;
  summary: string;
  /** Command routes: accept Idempotency-Key and If-Match. */
  command?: boolean;
  /** Served without a bearer token; every other route requires one. */
  public?: boolean;
  /** Roles (token scopes) the route requires, one of them. */
  scopes?: readonly string[];
  pathParameters?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success responses by status code. */
  responses: Record<number, { description: string; body?: z.ZodType }>;
  /** Error statuses this route can answer (problem+json). */
  errors: readonly number[];
}

export interface ApiInfo {
  title: string;
  version: string;
  description?: string;
}

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { unrepresentable: 'any' });

/**
 * Builds an OpenAPI 3.1 document from route descriptions. OpenAPI 3.1 uses JSON Schema 2020-12,
 * which is what zod emits, so the document cannot drift from the validation.
 *
 * @example
 * const document = buildOpenApi({ title: 'Orders', version: '1' }, [placeOrderDoc, getOrderDoc]);
 */
export function buildOpenApi(info: ApiInfo, routes: readonly RouteDoc[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path]![route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: problemSchema },
    },
  };
}

function operation(route: RouteDoc): Record<string, unknown> {
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.public ? {} : { security: [{ jwt: [...(route.scopes ?? [])] }] }),
    parameters: [
      ...parameters('path', route.pathParameters),
      ...parameters('query', route.query),
      ...(route.command ? commandHeaders : []),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body) } },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(
        Object.entries(route.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.body
              ? { content: { 'application/json': { schema: jsonSchema(response.body) } } }
              : {}),
          },
        ]),
      ),
      ...Object.fromEntries(route.errors.map((status) => [String(status), problemResponseDoc(status)])),
    },
  };
}

function parameters(where: 'path' | 'query', schema: z.ZodObject | undefined) {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType),
  }));
}

const commandHeaders = [
  {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Same key and same request: the same response, no new events. Same key, other request: 422.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
  {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'The version (ETag) the request is based on; 412 if the resource has moved on.',
    schema: { type: 'string', pattern: '^"[0-9]+"$' },
  },
];

function problemResponseDoc(status: number) {
  const kinds = Object.entries(problemTypes)
    .filter(([, problem]) => problem.status === status)
    .map(([, problem]) => problem.title);
  return {
    description: kinds.join('; ') || 'Error',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};
