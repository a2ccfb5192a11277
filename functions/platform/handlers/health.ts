import type { APIGatewayProxyResultV2 } from 'aws-lambda';

/** Liveness probe for the HTTP API: answers without touching Kafka or DynamoDB. */
export const handler = async (): Promise<APIGatewayProxyResultV2> =>
  Promise.resolve({
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'ok' }),
  });
