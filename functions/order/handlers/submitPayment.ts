import { commandRequest } from '../../../lib/http/commandRequest';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parseJsonBody, parsePathParameter } from '../../../lib/http/request';
import { signedInCaller } from '../../platform/access';
import { getIdempotency } from '../../platform/idempotency';
import { getOrderService } from '../../platform/orderService';
import { identifier, submitPaymentBody } from '../http/orderSchemas';
import { orderOwnedBy, refuseForeignOrder } from '../http/orderAccess';
import { orderReply } from '../http/orderReply';

const idempotency = getIdempotency();
const order = getOrderService();

/** POST /orders/{orderId}/payments {amount} → 202: accepted; Payment charges the account next. */
export const handler = httpHandler(async (event, context) => {
  const caller = signedInCaller(event);
  const orderId = parsePathParameter(event, 'orderId', identifier);
  const guard = orderOwnedBy(caller, orderId);
  await refuseForeignOrder(caller, orderId, event, order.heads);
  const { amount } = parseJsonBody(event, submitPaymentBody);
  return commandRequest(event, { idempotency, context }, async ({ metadata, expectedVersion }) => {
    const command = { type: 'SubmitPayment', orderId, amount } as const;
    const result = await order.handle({ aggregateId: orderId, command, metadata, expectedVersion, guard });
    return orderReply(202, result);
  });
});
