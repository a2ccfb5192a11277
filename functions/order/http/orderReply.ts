import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { CommandResult } from '../../../lib/commands/commandTypes';
import { jsonResponse } from '../../../lib/http/response';
import type { OrderEvent } from '../domain/orderEvents';
import type { OrderState } from '../domain/orderState';

/** The answer of every order command: where the order now stands, and its version as ETag. */
export function orderReply(
  status: number,
  result: CommandResult<OrderState, OrderEvent>,
  options: { location?: string } = {},
): APIGatewayProxyStructuredResultV2 {
  return jsonResponse(
    status,
    { orderId: result.aggregateId, status: result.state.status, version: result.version },
    { etag: result.version, ...options },
  );
}
