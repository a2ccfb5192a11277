import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ErrorKind } from '../errors/appError';
import { toAppError } from './classifyError';
import { internalErrorResponse, problemResponse } from './problemDetails';

/** What a route implements: parse → call lib → respond; it may throw. */
export type HttpFunction = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** What Lambda calls: assignable to `APIGatewayProxyHandlerV2`, and it never rejects. */
export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface HttpHandlerOptions {
  /** Receives one JSON line per logged failure. Default: `console.error` (CloudWatch on Lambda). */
  log?: (line: string) => void;
}

/**
 * Wraps a route so that every failure becomes a response: an {@link AppError} or a recognised
 * infrastructure failure becomes its problem+json response; anything else a 500 that says nothing
 * about it, while the log line (level, request ids, route, error name, message and stack) holds what
 * an operator needs. The returned handler never throws.
 *
 * @example
 * export const handler = httpHandler(async (event) => {
 *   const command = parseJsonBody(event, PlaceOrder);
 *   const { version } = await placeOrder(command);
 *   return jsonResponse(201, { orderId: command.orderId }, { etag: version });
 * });
 */
export function httpHandler(fn: HttpFunction, options: HttpHandlerOptions = {}): HttpHandler {
  const log = options.log ?? ((line: string) => console.error(line));
  return async (event, context) => {
    try {
      return await fn(event, context);
    } catch (error) {
      return errorResponse(error, event, context, log);
    }
  };
}

function errorResponse(
  error: unknown,
  event: APIGatewayProxyEventV2,
  context: Context,
  log: (line: string) => void,
): APIGatewayProxyStructuredResultV2 {
  const requestId = safely(() => event.requestContext.requestId);
  try {
    const appError = toAppError(error);
    if (appError?.kind === ErrorKind.Unavailable) {
      writeLog(log, 'warn', 'Dependency unavailable', { event, context, error: appError.cause });
    }
    if (appError) return problemResponse(appError, requestId);
  } catch (classificationError) {
    writeLog(log, 'error', 'Failed to build an error response', {
      event,
      context,
      error: classificationError,
    });
    return internalErrorResponse(requestId);
  }
  writeLog(log, 'error', 'Unhandled error', { event, context, error });
  return internalErrorResponse(requestId);
}

interface LogSubject {
  event: APIGatewayProxyEventV2;
  context: Context;
  error: unknown;
}

function writeLog(log: (line: string) => void, level: string, message: string, subject: LogSubject): void {
  try {
    const line = {
      level,
      message,
      requestId: safely(() => subject.event.requestContext.requestId),
      awsRequestId: safely(() => subject.context.awsRequestId),
      route: safely(() => subject.event.routeKey),
      error: describe(subject.error),
    };
    log(JSON.stringify(line));
  } catch {
    // Logging must not turn a handled failure into an unhandled one.
  }
}

function describe(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: typeof error, message: safely(() => String(error)) };
  const described: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
  if (error.cause !== undefined && depth < 3) described.cause = describe(error.cause, depth + 1);
  return described;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
