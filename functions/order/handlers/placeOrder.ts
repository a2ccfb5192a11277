import { commandRequest } from '../../../lib/http/commandRequest';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parseJsonBody } from '../../../lib/http/request';
import { authorize, customerFor } from '../../../lib/auth/policy';
import { signedInCaller } from '../../platform/access';
import { getIdempotency } from '../../platform/idempotency';
import { Scope } from '../../platform/scopes';
import { getOrderService } from '../../platform/orderService';
import { newOrderId, placeOrderBody } from '../http/orderSchemas';
import { orderReply } from '../http/orderReply';

const idempotency = getIdempotency();
const order = getOrderService();

/** POST /orders → 201 {orderId, status, version}; Inventory then reserves every line. */
export const handler = httpHandler((event, context) => {
  const caller = signedInCaller(event);
  const { customerId: named, items } = parseJsonBody(event, placeOrderBody);
  // A new order's customer is the caller; only orders:admin places one for someone else.
  const customerId = customerFor(caller, named, 'customerId');
  authorize(caller, { actingAs: customerId, unless: Scope.OrdersAdmin });
  return commandRequest(event, { idempotency, context }, async ({ metadata, expectedVersion }) => {
    const orderId = newOrderId(metadata.commandId);
    const result = await order.handle({
      aggregateId: orderId,
      command: { type: 'PlaceOrder', orderId, customerId, items },
      metadata,
      expectedVersion,
    });
    return orderReply(201, result, { location: `/orders/${orderId}` });
  });
});
