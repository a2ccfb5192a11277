import { httpHandler } from '../../../lib/http/httpHandler';
import { parseQuery } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { listSnapshots } from '../../../lib/queries/listSnapshots';
import { getOrderViews } from '../../platform/views';
import { listOrdersQuery } from '../http/orderSchemas';
import { ORDERS_BY_CUSTOMER, orderResponse, statusPrefix } from '../projection/orderView';

const views = getOrderViews();

/** GET /orders?customerId=…[&status=…][&limit=…][&cursor=…] → 200 {items, nextCursor?}, newest first. */
export const handler = httpHandler(async (event) => {
  const query = parseQuery(event, listOrdersQuery);
  const page = await listSnapshots(views, {
    index: ORDERS_BY_CUSTOMER.name,
    partitionKey: { name: ORDERS_BY_CUSTOMER.partitionKey, value: query.customerId },
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
