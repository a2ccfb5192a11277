import { httpHandler } from '../../../lib/http/httpHandler';
import { parseQuery } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { listSnapshots } from '../../../lib/queries/listSnapshots';
import { authorize, customerFor } from '../../../lib/auth/policy';
import { notFound } from '../../../lib/errors/domainErrors';
import { signedInCaller } from '../../platform/access';
import { Scope } from '../../platform/scopes';
import { getOrderViews } from '../../platform/views';
import { listOrdersQuery } from '../http/orderSchemas';
import { ORDERS_BY_CUSTOMER, orderResponse, statusPrefix } from '../projection/orderView';

const views = getOrderViews();

/**
 * GET /orders[?customerId=…][&status=…][&limit=…][&cursor=…] → 200 {items, nextCursor?}, newest
 * first: the caller's orders (another customer's only with orders:admin).
 */
export const handler = httpHandler(async (event) => {
  const caller = signedInCaller(event);
  const query = parseQuery(event, listOrdersQuery);
  const customerId = customerFor(caller, query.customerId, 'customerId');
  const hidden = () => notFound('customer', customerId);
  authorize(caller, { owner: customerId, unless: Scope.OrdersAdmin, hidden });
  const page = await listSnapshots(views, {
    index: ORDERS_BY_CUSTOMER.name,
    partitionKey: { name: ORDERS_BY_CUSTOMER.partitionKey, value: customerId },
    sortKey: {
      name: ORDERS_BY_CUSTOMER.sortKey,
      ...(query.status ? { beginsWith: statusPrefix(query.status) } : {}),
    },
    limit: query.limit,
    scanForward: false,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return jsonResponse(200, {
    items: page.items.map(orderResponse),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
