import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/**
 * An API Gateway HTTP API (payload 2.0) GET event, as test/fixtures/apigw shows AWS sending it, from
 * a caller its JWT authorizer vouched for: staff with orders:admin, who may read every seeded order.
 */
export function getEvent(
  routeKey: string,
  path: string,
  pathParameters: Record<string, string>,
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {
      accept: 'application/json',
      host: 'r2d2c3p0xy.execute-api.eu-west-1.amazonaws.com',
      'user-agent': 'bench',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'r2d2c3p0xy',
      domainName: 'r2d2c3p0xy.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'r2d2c3p0xy',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'bench' },
      requestId: `bench-${Math.random().toString(36).slice(2)}`,
      routeKey,
      stage: '$default',
      time: '29/Nov/2026:22:29:45 +0000',
      timeEpoch: 1795991385000,
      authorizer: {
        jwt: { claims: { sub: 'bench-support', scope: 'orders:admin' }, scopes: ['orders:admin'] },
      },
    } as APIGatewayProxyEventV2['requestContext'],
    pathParameters,
    isBase64Encoded: false,
  };
}

export const lambdaContext = { awsRequestId: 'bench', functionName: 'bench' } as unknown as Context;
