import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ErrorKind, type AppError } from '../errors/appError';
import { toAppError } from './classifyError';

/** The HTTP face of one {@link ErrorKind}. */
export interface ProblemType {
  status: number;
  /** Short, stable summary of the kind (RFC 9457 `title`): the same for every occurrence. */
  title: string;
  /** RFC 9457 `type`: a stable URI that identifies the kind; clients switch on it, not on `title`. */
  type: string;
}

/**
 * Base of every problem `type`. The URIs are identifiers, not links: they need not resolve, but they
 * must never change, because clients compare them. `about:blank` is kept for the generic 500, where
 * RFC 9457 says the title is then the HTTP reason phrase.
 */
export const PROBLEM_TYPE_BASE = 'https://errors.kafka-es.dev/';

const problem = (status: number, kind: ErrorKind, title: string): ProblemType => ({
  status,
  title,
  type: `${PROBLEM_TYPE_BASE}${kind}`,
});

/**
 * THE table from error kind to HTTP status: nothing else in the code base decides a status.
 *
 * @example
 * problemTypes.concurrency; // { status: 412, title: 'Precondition Failed', type: 'https://errors.kafka-es.dev/concurrency' }
 */
export const problemTypes: { readonly [K in ErrorKind]: ProblemType } = {
  validation: problem(400, ErrorKind.Validation, 'Request validation failed'),
  unauthorized: problem(401, ErrorKind.Unauthorized, 'Unauthorized'),
  // A known caller without the role the route needs. Someone else's order or account is a 404 instead.
  forbidden: problem(403, ErrorKind.Forbidden, 'Forbidden'),
  not_found: problem(404, ErrorKind.NotFound, 'Resource not found'),
  invalid_transition: problem(409, ErrorKind.InvalidTransition, 'Command not allowed in the current state'),
  // Same Idempotency-Key while the first request is still running: retrying later gives its result.
  idempotency_conflict: problem(409, ErrorKind.IdempotencyConflict, 'Request with this key is in progress'),
  concurrency: problem(412, ErrorKind.Concurrency, 'Precondition Failed'),
  payload_too_large: problem(413, ErrorKind.PayloadTooLarge, 'Payload too large'),
  unsupported_media_type: problem(415, ErrorKind.UnsupportedMediaType, 'Unsupported media type'),
  business_rule: problem(422, ErrorKind.BusinessRule, 'Business rule violated'),
  // Same Idempotency-Key, different request: a client bug, never retried successfully.
  idempotency_mismatch: problem(422, ErrorKind.IdempotencyMismatch, 'Idempotency key reused'),
  unavailable: problem(503, ErrorKind.Unavailable, 'Service temporarily unavailable'),
};

/** The body of every error response (RFC 9457), plus safe extension members. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** `urn:request:<requestId>`: identifies this occurrence; the same id is in the logs. */
  instance?: string;
  requestId?: string;
  /** Validation only: which fields were wrong and why. */
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'requestId', 'errors']);
/** RFC 9457 §3.2: extension names start with a letter and use letters, digits and `_`. */
const SAFE_EXTENSION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * Turns anything thrown into an `application/problem+json` response. An {@link AppError} (or an
 * infrastructure failure {@link toAppError} recognises) keeps its message as `detail`; anything else
 * becomes a 500 whose body says nothing about the error.
 *
 * @example
 * problemResponse(new AppError(ErrorKind.NotFound, 'order o-1 does not exist'), 'req-1');
 * // { statusCode: 404, headers: { 'content-type': 'application/problem+json' }, body: '{"type":…}' }
 */
export function problemResponse(error: unknown, requestId?: string): APIGatewayProxyStructuredResultV2 {
  const appError = toAppError(error);
  if (!appError) return internalErrorResponse(requestId);
  const kind = problemTypes[appError.kind];
  const body: ProblemBody = {
    type: kind.type,
    title: kind.title,
    status: kind.status,
    detail: appError.message,
    ...occurrence(requestId),
  };
  if (appError.kind === ErrorKind.Validation) {
    body.errors = appError.issues.map(({ field, message }) => ({ field, message }));
  }
  const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  if (appError.kind === ErrorKind.Unavailable) headers['retry-after'] = String(retryAfter(appError));
  // RFC 9110 §15.5.2: a 401 must say which scheme would be accepted.
  if (appError.kind === ErrorKind.Unauthorized) headers['www-authenticate'] = 'Bearer';
  return { statusCode: kind.status, headers, body: serialize(body, appError.details) };
}

/**
 * The 500 for anything unrecognised: fixed text, so no message, stack or cause can leak.
 *
 * @example
 * internalErrorResponse('JKJaXmPLvHcESHA='); // { statusCode: 500, body: '{"type":"about:blank",…}' }
 */
export function internalErrorResponse(requestId?: string): APIGatewayProxyStructuredResultV2 {
  const body: ProblemBody = {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'An unexpected error occurred. Quote the request id when reporting it.',
    ...occurrence(requestId),
  };
  return { statusCode: 500, headers: { 'content-type': PROBLEM_CONTENT_TYPE }, body: JSON.stringify(body) };
}

function occurrence(requestId: string | undefined): Partial<ProblemBody> {
  if (!requestId) return {};
  return { instance: `urn:request:${encodeURIComponent(requestId)}`, requestId };
}

/** Keeps details whose names cannot collide with the standard members or with `__proto__`. */
function safeExtensions(details: Record<string, unknown>): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(details)) {
    if (SAFE_EXTENSION_NAME.test(name) && !RESERVED.has(name)) safe[name] = value;
  }
  return safe;
}

function retryAfter(error: AppError): number {
  const seconds = error.retryAfterSeconds;
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return DEFAULT_RETRY_AFTER_SECONDS;
  return Math.ceil(seconds);
}

/** Details come from domain code: a BigInt or a cycle there must cost the details, not the response. */
function serialize(body: ProblemBody, details: Record<string, unknown>): string {
  try {
    return JSON.stringify({ ...body, ...safeExtensions(details) });
  } catch {
    return JSON.stringify(body);
  }
}
