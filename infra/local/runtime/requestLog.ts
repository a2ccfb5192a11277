import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

type HttpFn = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

/**
 * Wraps a route's handler with one structured log line per request — what CloudWatch would get from
 * API Gateway's access log — with the correlation id the command path propagates into events.
 */
export function withRequestLog(functionName: string, handler: HttpFn, log: (line: string) => void): HttpFn {
  return async (event, context) => {
    const started = Date.now();
    const result = (await handler(event, context)) as APIGatewayProxyStructuredResultV2 | undefined;
    log(
      JSON.stringify({
        level: 'info',
        type: 'request',
        function: functionName,
        method: event.requestContext.http.method,
        path: event.rawPath,
        status: result?.statusCode ?? 200,
        durationMs: Date.now() - started,
        requestId: event.requestContext.requestId,
        correlationId: event.headers['x-correlation-id'] ?? event.requestContext.requestId,
      }),
    );
    return result;
  };
}
