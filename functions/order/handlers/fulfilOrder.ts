import { commandRequest } from '../../../lib/http/commandRequest';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parsePathParameter } from '../../../lib/http/request';
import { signedInCaller } from '../../platform/access';
import { getIdempotency } from '../../platform/idempotency';
import { getOrderService } from '../../platform/orderService';
import { identifier } from '../http/orderSchemas';
import { orderOwnedBy, refuseForeignOrder } from '../http/orderAccess';
import { orderReply } from '../http/orderReply';

const idempotency = getIdempotency();
const order = getOrderService();

/** POST /orders/{orderId}/fulfilment → 200 COMPLETED; Inventory ships the reserved units. */
export const handler = httpHandler(async (event, context) => {
  const caller = signedInCaller(event);
  const orderId = parsePathParameter(event, 'orderId', identifier);
  const guard = orderOwnedBy(caller, orderId);
  await refuseForeignOrder(caller, orderId, event, order.heads);
  return commandRequest(event, { idempotency, context }, async ({ metadata, expectedVersion }) => {
    const command = { type: 'FulfilOrder', orderId } as const;
    return orderReply(
      200,
      await order.handle({ aggregateId: orderId, command, metadata, expectedVersion, guard }),
    );
  });
});
