import { commandRequest } from '../../../lib/http/commandRequest';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parseJsonBody, parsePathParameter } from '../../../lib/http/request';
import { signedInCaller } from '../../platform/access';
import { getIdempotency } from '../../platform/idempotency';
import { getOrderService } from '../../platform/orderService';
import { cancelOrderBody, identifier } from '../http/orderSchemas';
import { orderOwnedBy, refuseForeignOrder } from '../http/orderAccess';
import { orderReply } from '../http/orderReply';

const idempotency = getIdempotency();
const order = getOrderService();

/** POST /orders/{orderId}/cancellation [{reason}] → 200 CANCELLED; stock is released, payments refunded. */
export const handler = httpHandler(async (event, context) => {
  const caller = signedInCaller(event);
  const orderId = parsePathParameter(event, 'orderId', identifier);
  const guard = orderOwnedBy(caller, orderId);
  await refuseForeignOrder(caller, orderId, event, order.heads);
  // The body is optional: a bare POST cancels with the default reason.
  const { reason } = event.body ? parseJsonBody(event, cancelOrderBody) : {};
  return commandRequest(event, { idempotency, context }, async ({ metadata, expectedVersion }) => {
    const command = { type: 'CancelOrder', orderId, ...(reason ? { reason } : {}) } as const;
    return orderReply(
      200,
      await order.handle({ aggregateId: orderId, command, metadata, expectedVersion, guard }),
    );
  });
});
