import { commandRequest } from '../../../lib/http/commandRequest';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parseJsonBody } from '../../../lib/http/request';
import { getIdempotency } from '../../platform/idempotency';
import { getOrderService } from '../../platform/orderService';
import { newOrderId, placeOrderBody } from '../http/orderSchemas';
import { orderReply } from '../http/orderReply';

const idempotency = getIdempotency();
const order = getOrderService();

/** POST /orders → 201 {orderId, status, version}; Inventory then reserves every line. */
export const handler = httpHandler((event, context) => {
  const body = parseJsonBody(event, placeOrderBody);
  return commandRequest(event, { idempotency, context }, async ({ metadata, expectedVersion }) => {
    const orderId = newOrderId(metadata.commandId);
    const result = await order.handle({
      aggregateId: orderId,
      command: { type: 'PlaceOrder', orderId, ...body },
      metadata,
      expectedVersion,
    });
    return orderReply(201, result, { location: `/orders/${orderId}` });
  });
});
