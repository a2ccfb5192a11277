import { notFound } from '../../../lib/errors/domainErrors';
import { httpHandler } from '../../../lib/http/httpHandler';
import { historyQuery } from '../../../lib/http/readQueries';
import { parsePathParameter, parseQuery } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { historyPage } from '../../../lib/queries/historyPage';
import { signedInCaller } from '../../platform/access';
import { getOrderHistory } from '../../platform/history';
import { HISTORY_READERS } from '../../platform/scopes';
import { getOrderViews } from '../../platform/views';
import { orderCatalog } from '../domain/orderEvents';
import { identifier } from '../http/orderSchemas';
import { orderVisibleTo } from '../http/orderAccess';

const views = getOrderViews();
const history = getOrderHistory();

/**
 * GET /orders/{orderId}/events[?fromVersion=n][&limit=m] → 200 {events, nextFromVersion?}: the
 * order's events as CloudEvents, read back from the log; its customer's, ops' and orders:admin's.
 */
export const handler = httpHandler(async (event) => {
  const caller = signedInCaller(event);
  const orderId = parsePathParameter(event, 'orderId', identifier);
  const query = parseQuery(event, historyQuery);
  const current = await views.get(orderId);
  if (!current || !orderVisibleTo(caller, HISTORY_READERS)(current)) throw notFound('order', orderId);
  return jsonResponse(200, await historyPage(history, orderCatalog, 'order', orderId, query));
});
