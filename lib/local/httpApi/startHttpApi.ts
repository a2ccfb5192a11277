import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { invokeHandler, type InvocationOutcome } from './invoke';
import { buildEvent, type ApiIdentity } from './lambdaEvent';
import { toHttpResponse, type HttpResponse } from './lambdaResponse';
import { readRequestBody } from './requestBody';
import {
  compileRoutes,
  matchRoute,
  type CompiledRoute,
  type JwtClaims,
  type RouteDefinition,
  type RouteMatch,
} from './routes';

export interface HttpApiOptions {
  routes: readonly RouteDefinition[];
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the emulator has no authentication, so it is not exposed by default. */
  host?: string;
  /** Receives a line per failure (handler errors, timeouts, malformed responses). Default: console.error. */
  log?: (line: string) => void;
  /** Function timeout for routes that set none. Default 30, API Gateway's integration timeout. */
  timeoutSeconds?: number;
  /** For the function ARN in the context. Default us-east-1. */
  region?: string;
  /** Default 123456789012, the account id of AWS's documentation examples. */
  accountId?: string;
  /** Default: 10 random lower-case letters and digits, like a real API id. */
  apiId?: string;
}

export interface HttpApi {
  /** e.g. `http://127.0.0.1:53124`, without a trailing slash. */
  url: string;
  port: number;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

interface ApiSettings extends ApiIdentity {
  routes: CompiledRoute[];
  region: string;
  timeoutSeconds: number;
  log: (line: string) => void;
}

/** API Gateway waits at most this long for an integration, whatever the function's timeout. */
const INTEGRATION_TIMEOUT_SECONDS = 30;

/**
 * Starts a local emulation of an API Gateway HTTP API (payload format 2.0) that invokes the given
 * Lambda handlers in-process with the events and contexts AWS would build, and answers the way API
 * Gateway does: `{"message":"Not Found"}` (404) when no route matches, `{"message":"Request Entity
 * Too Large"}` (413) above 10 MB, `{"message":"Internal Server Error"}` (500) when a handler throws,
 * times out or returns a malformed response, and `{"message":"Service Unavailable"}` (503) past the
 * 30-second integration timeout.
 *
 * @example
 * const api = await startHttpApi({ routes: [{ method: 'POST', path: '/orders/{orderId}', handler }] });
 * await fetch(`${api.url}/orders/o-1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
 * await api.stop();
 */
export async function startHttpApi(options: HttpApiOptions): Promise<HttpApi> {
  const settings: ApiSettings = {
    routes: compileRoutes(options.routes),
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    apiId: options.apiId ?? randomApiId(),
    timeoutSeconds: options.timeoutSeconds ?? INTEGRATION_TIMEOUT_SECONDS,
    log: options.log ?? ((line: string) => console.error(line)),
  };
  const server = createServer((request, response) => void serve(request, response, settings));
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stop: () => close(server),
  };
}

async function serve(request: IncomingMessage, response: ServerResponse, api: ApiSettings): Promise<void> {
  try {
    const body = await readRequestBody(request);
    if (!body) return send(response, gatewayError(413, 'Request Entity Too Large'), { connection: 'close' });
    const url = request.url ?? '/';
    const method = request.method ?? 'GET';
    const match = matchRoute(api.routes, method, url.split('?')[0] ?? '/');
    if (!match) return send(response, gatewayError(404, 'Not Found'));
    const incoming = {
      method,
      url,
      httpVersion: request.httpVersion,
      rawHeaders: request.rawHeaders,
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      localPort: request.socket.localPort ?? 0,
      body,
    };
    const event = buildEvent(incoming, match, api);
    send(response, await runRoute(match, event, api), { 'apigw-requestid': event.requestContext.requestId });
  } catch (error) {
    api.log(`[httpApi] ${request.method} ${request.url} failed in the emulator: ${describe(error)}`);
    if (response.headersSent) response.destroy();
    else send(response, gatewayError(500, 'Internal Server Error'));
  }
}

async function runRoute(
  match: RouteMatch,
  event: APIGatewayProxyEventV2,
  api: ApiSettings,
): Promise<HttpResponse> {
  const { definition, functionName, routeKey } = match.route;
  let invoked: APIGatewayProxyEventV2 = event;
  if (definition.authorizer) {
    const claims = await definition.authorizer(event);
    if (!claims) return gatewayError(401, 'Unauthorized');
    invoked = withClaims(event, claims);
    const granted =
      (invoked as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext.authorizer.jwt.scopes ?? [];
    if (definition.scopes && !definition.scopes.some((scope) => granted.includes(scope))) {
      return gatewayError(403, 'Forbidden');
    }
  }
  const timeoutSeconds = definition.timeoutSeconds ?? api.timeoutSeconds;
  const waitMs = Math.min(timeoutSeconds, INTEGRATION_TIMEOUT_SECONDS) * 1000;
  const context = {
    functionName,
    timeoutMs: timeoutSeconds * 1000,
    region: api.region,
    accountId: api.accountId,
  };
  const outcome = await invokeHandler(definition.handler, invoked, context, waitMs);
  return toResponse(outcome, routeKey, timeoutSeconds > INTEGRATION_TIMEOUT_SECONDS, api.log);
}

function toResponse(
  outcome: InvocationOutcome,
  routeKey: string,
  integrationTimeout: boolean,
  log: (line: string) => void,
): HttpResponse {
  switch (outcome.kind) {
    case 'timeout':
      log(
        `[httpApi] ${routeKey}: ${integrationTimeout ? 'integration timed out' : 'task timed out'} after ${outcome.waitedMs} ms`,
      );
      return integrationTimeout
        ? gatewayError(503, 'Service Unavailable')
        : gatewayError(500, 'Internal Server Error');
    case 'error':
      log(`[httpApi] ${routeKey}: the handler failed: ${describe(outcome.error)}`);
      return gatewayError(500, 'Internal Server Error');
    case 'result':
      try {
        const response = toHttpResponse(outcome.result);
        for (const warning of response.warnings) log(`[httpApi] ${routeKey}: ${warning}`);
        return response;
      } catch (error) {
        log(`[httpApi] ${routeKey}: malformed Lambda proxy response: ${describe(error)}`);
        return gatewayError(500, 'Internal Server Error');
      }
  }
}

/** The event a JWT authorizer would pass on: claims, and scopes from the `scope` or `scp` claim. */
export function withClaims(
  event: APIGatewayProxyEventV2,
  claims: JwtClaims,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const scope = claims.scope ?? claims.scp;
  const scopes =
    typeof scope === 'string' ? scope.split(' ').filter(Boolean) : Array.isArray(scope) ? scope : null;
  return { ...event, requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes } } } };
}

function gatewayError(statusCode: number, message: string): HttpResponse {
  const body = Buffer.from(JSON.stringify({ message }));
  return { statusCode, headers: { 'content-type': 'application/json' }, body, warnings: [] };
}

function send(
  response: ServerResponse,
  result: HttpResponse,
  extraHeaders: Record<string, string> = {},
): void {
  const headers = {
    'apigw-requestid': randomBytes(11).toString('base64'),
    ...result.headers,
    ...extraHeaders,
  };
  response.writeHead(result.statusCode, headers);
  response.end(result.body);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

function randomApiId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(10), (byte) => alphabet[byte % alphabet.length]).join('');
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
