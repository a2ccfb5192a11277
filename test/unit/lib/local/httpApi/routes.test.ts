import {
  compileRoutes,
  matchRoute,
  type HttpMethod,
  type RouteDefinition,
} from '../../../../../lib/local/httpApi/routes';

const handler = () => Promise.resolve({ statusCode: 204 });

function route(method: HttpMethod, path: string, extra: Partial<RouteDefinition> = {}): RouteDefinition {
  return { method, path, handler, ...extra };
}

function matched(routes: RouteDefinition[], method: string, path: string) {
  const match = matchRoute(compileRoutes(routes), method, path);
  return match && { routeKey: match.route.routeKey, pathParameters: match.pathParameters };
}

describe('matchRoute', () => {
  // The example of the API Gateway developer guide, "Routing API requests".
  const awsExample = [
    route('ANY', '$default'),
    route('ANY', '/{proxy+}'),
    route('GET', '/pets/{proxy+}'),
    route('GET', '/pets/dog/{id}'),
    route('GET', '/pets/dog/1'),
  ];

  it.each([
    ['GET', '/pets/dog/1', 'GET /pets/dog/1'],
    ['GET', '/pets/dog/2', 'GET /pets/dog/{id}'],
    ['GET', '/pets/cat/1', 'GET /pets/{proxy+}'],
    ['POST', '/pets/dog/1', 'ANY /{proxy+}'],
    ['GET', '/test', 'ANY /{proxy+}'],
    ['GET', '/', '$default'],
  ])('routes %s %s to %s, the most specific match', (method, path, routeKey) => {
    expect(matched(awsExample, method, path)?.routeKey).toBe(routeKey);
  });

  it('prefers the exact method over ANY on the same path', () => {
    const routes = [route('ANY', '/orders'), route('POST', '/orders')];
    expect(matched(routes, 'POST', '/orders')?.routeKey).toBe('POST /orders');
    expect(matched(routes, 'DELETE', '/orders')?.routeKey).toBe('ANY /orders');
  });

  it('prefers a static segment over a parameter wherever it appears', () => {
    const routes = [route('GET', '/{kind}/summary'), route('GET', '/orders/{orderId}')];
    expect(matched(routes, 'GET', '/orders/summary')?.routeKey).toBe('GET /orders/{orderId}');
  });

  it('URL-decodes path parameters, greedy ones included', () => {
    const routes = [route('GET', '/orders/{orderId}'), route('GET', '/files/{path+}')];
    expect(matched(routes, 'GET', '/orders/o%201')?.pathParameters).toEqual({ orderId: 'o 1' });
    expect(matched(routes, 'GET', '/files/a/b%2Fc/d')?.pathParameters).toEqual({ path: 'a/b/c/d' });
  });

  it('leaves pathParameters undefined for routes without parameters', () => {
    expect(matched([route('GET', '/health')], 'GET', '/health')).toEqual({
      routeKey: 'GET /health',
      pathParameters: undefined,
    });
  });

  it.each([
    ['a different method', 'POST', '/orders/o-1'],
    ['an empty parameter', 'GET', '/orders/'],
    ['an extra segment', 'GET', '/orders/o-1/items'],
    ['a missing segment', 'GET', '/orders'],
    ['another case', 'GET', '/Orders/o-1'],
  ])('finds nothing for %s', (_, method, path) => {
    expect(matched([route('GET', '/orders/{orderId}')], method, path)).toBeUndefined();
  });

  it('needs at least one segment for a greedy variable', () => {
    expect(matched([route('GET', '/files/{proxy+}')], 'GET', '/files/')).toBeUndefined();
    expect(matched([route('GET', '/files/{proxy+}')], 'GET', '/files')).toBeUndefined();
  });

  it('keeps an undecodable segment as it came', () => {
    expect(matched([route('GET', '/orders/{orderId}')], 'GET', '/orders/%E0%A4%A')?.pathParameters).toEqual({
      orderId: '%E0%A4%A',
    });
  });
});

describe('compileRoutes', () => {
  it('names functions after their route unless told otherwise', () => {
    const routes = compileRoutes([
      route('POST', '/orders/{orderId}'),
      route('GET', '/health', { functionName: 'health-check' }),
      route('ANY', '$default'),
    ]);
    expect(Object.fromEntries(routes.map((compiled) => [compiled.routeKey, compiled.functionName]))).toEqual({
      'POST /orders/{orderId}': 'post-orders-orderId',
      'GET /health': 'health-check',
      $default: 'default',
    });
  });

  it.each([
    ['a duplicate route', [route('GET', '/a'), route('GET', '/a')], /duplicate route GET \/a/],
    ['a relative path', [route('GET', 'orders')], /must start with/],
    ['a greedy variable before the end', [route('GET', '/{proxy+}/x')], /must be the last segment/],
    ['a repeated parameter', [route('GET', '/{id}/{id}')], /repeated path parameter/],
    ['a partial variable', [route('GET', '/orders-{id}')], /malformed path variable/],
    ['$default with a method', [route('GET', '$default')], /\$default route takes method ANY/],
  ])('rejects %s', (_, routes, message) => {
    expect(() => compileRoutes(routes)).toThrow(message);
  });
});
