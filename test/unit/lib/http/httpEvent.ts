import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const FIXTURE = join(__dirname, '../../../fixtures/apigw/postOrder.json');

/** A fresh copy of the recorded `POST /orders/{orderId}` event. */
export function postOrderEvent(): APIGatewayProxyEventV2 {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as APIGatewayProxyEventV2;
}

/** The recorded event with a different body (JSON content type unless `headers` say otherwise). */
export function eventWith(overrides: Partial<APIGatewayProxyEventV2>): APIGatewayProxyEventV2 {
  const event = postOrderEvent();
  return { ...event, ...overrides, headers: { ...event.headers, ...overrides.headers } };
}

/** Runs `fn` and returns what it threw (fails the test when it does not throw). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
