import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayProxyEventV2,
  Callback,
  Context,
} from 'aws-lambda';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

/** The claims a JWT authorizer puts in `requestContext.authorizer.jwt.claims`. */
export type JwtClaims = APIGatewayEventRequestContextJWTAuthorizer['jwt']['claims'];

/** One route of the emulated HTTP API, as `serverless.yml` would declare it. */
export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway syntax: `/orders/{orderId}`, `/files/{proxy+}` (greedy, last), or `$default` (method ANY). */
  path: string;
  /**
   * The Lambda handler, called exactly as the Node.js runtime calls it: async (the promise decides)
   * or callback style. Declared as a method so that handlers typed for a narrower event (e.g.
   * `APIGatewayProxyEventV2WithJWTAuthorizer`) are accepted too.
   */
  handler(this: void, event: APIGatewayProxyEventV2, context: Context, callback: Callback<unknown>): unknown;
  /** Runs before the handler; `undefined` means 401, claims are passed on as a JWT authorizer would. */
  authorizer?(this: void, event: APIGatewayProxyEventV2): Promise<JwtClaims | undefined>;
  /**
   * With an authorizer: the token must carry one of these scopes, else API Gateway answers 403
   * `{"message":"Forbidden"}` without invoking (a route's `authorizationScopes`).
   */
  scopes?: readonly string[];
  /** `context.functionName`; default derived from the route, e.g. `post-orders-orderId`. */
  functionName?: string;
  /** The function's timeout; default the API's `timeoutSeconds`. */
  timeoutSeconds?: number;
}

type Segment =
  { kind: 'static'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

export interface CompiledRoute {
  definition: RouteDefinition;
  routeKey: string;
  functionName: string;
  /** Undefined for `$default`, which matches every path. */
  segments: Segment[] | undefined;
}

export interface RouteMatch {
  route: CompiledRoute;
  /** URL-decoded; undefined when the route has no parameters (as in the real event). */
  pathParameters: Record<string, string> | undefined;
}

const PARAMETER = /^\{([A-Za-z0-9_.:-]+)(\+?)\}$/;
const KIND_RANK = { static: 0, param: 1, greedy: 2 } as const;

/**
 * Validates the routes and orders them the way API Gateway chooses between candidates: the most
 * specific path first (segment by segment: static, then `{param}`, then `{proxy+}`), an exact method
 * before `ANY`, and `$default` last. Throws on a route API Gateway would refuse.
 *
 * @example
 * const routes = compileRoutes([{ method: 'GET', path: '/orders/{orderId}', handler }]);
 */
export function compileRoutes(definitions: readonly RouteDefinition[]): CompiledRoute[] {
  const seen = new Set<string>();
  const compiled = definitions.map((definition) => {
    const route = compileRoute(definition);
    if (seen.has(route.routeKey)) throw new Error(`duplicate route ${route.routeKey}`);
    seen.add(route.routeKey);
    return route;
  });
  return compiled.sort(bySpecificity);
}

/**
 * The route a request goes to, or undefined (API Gateway then answers 404).
 *
 * @example
 * matchRoute(routes, 'GET', '/orders/o%201')?.pathParameters; // { orderId: 'o 1' }
 */
export function matchRoute(
  routes: readonly CompiledRoute[],
  method: string,
  rawPath: string,
): RouteMatch | undefined {
  const requestSegments = rawPath.split('/').slice(1);
  for (const route of routes) {
    const { method: routeMethod } = route.definition;
    if (routeMethod !== 'ANY' && routeMethod !== method) continue;
    if (!route.segments) return { route, pathParameters: undefined };
    const parameters = matchSegments(route.segments, requestSegments);
    if (parameters) return { route, pathParameters: Object.keys(parameters).length ? parameters : undefined };
  }
  return undefined;
}

function compileRoute(definition: RouteDefinition): CompiledRoute {
  const { method, path } = definition;
  if (path === '$default') {
    if (method !== 'ANY') throw new Error('the $default route takes method ANY');
    return {
      definition,
      routeKey: '$default',
      functionName: definition.functionName ?? 'default',
      segments: undefined,
    };
  }
  if (!path.startsWith('/')) throw new Error(`route path must start with "/": ${path}`);
  const segments = path.split('/').slice(1).map(compileSegment);
  const names = segments.flatMap((segment) => (segment.kind === 'static' ? [] : [segment.name]));
  if (new Set(names).size !== names.length) throw new Error(`repeated path parameter in ${path}`);
  if (segments.slice(0, -1).some((segment) => segment.kind === 'greedy')) {
    throw new Error(`a greedy path variable must be the last segment: ${path}`);
  }
  const routeKey = `${method} ${path}`;
  return {
    definition,
    routeKey,
    functionName: definition.functionName ?? functionNameOf(method, path),
    segments,
  };
}

function compileSegment(segment: string): Segment {
  const parameter = PARAMETER.exec(segment);
  if (parameter) return { kind: parameter[2] ? 'greedy' : 'param', name: parameter[1] ?? '' };
  if (segment.includes('{') || segment.includes('}')) throw new Error(`malformed path variable: ${segment}`);
  return { kind: 'static', value: segment };
}

function matchSegments(
  route: readonly Segment[],
  request: readonly string[],
): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of route.entries()) {
    if (segment.kind === 'greedy') {
      const rest = request.slice(index).join('/');
      if (rest === '') return undefined;
      parameters[segment.name] = decode(rest);
      return parameters;
    }
    const value = request[index];
    if (value === undefined) return undefined;
    if (segment.kind === 'static' ? decode(value) !== segment.value : value === '') return undefined;
    if (segment.kind === 'param') parameters[segment.name] = decode(value);
  }
  return route.length === request.length ? parameters : undefined;
}

function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  if (!a.segments || !b.segments) return (a.segments ? 0 : 1) - (b.segments ? 0 : 1);
  const length = Math.max(a.segments.length, b.segments.length);
  for (let index = 0; index < length; index++) {
    const difference = rank(a.segments[index]) - rank(b.segments[index]);
    if (difference !== 0) return difference;
  }
  return (a.definition.method === 'ANY' ? 1 : 0) - (b.definition.method === 'ANY' ? 1 : 0);
}

function rank(segment: Segment | undefined): number {
  return segment ? KIND_RANK[segment.kind] : -1;
}

function functionNameOf(method: HttpMethod, path: string): string {
  const name = `${method.toLowerCase()}${path}`
    .replace(/[{}+]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/-+$/, '');
  return name.slice(0, 64);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
