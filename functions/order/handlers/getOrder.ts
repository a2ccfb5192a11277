import { notFound } from '../../../lib/errors/domainErrors';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parsePathParameter, parseQuery } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { getSnapshot } from '../../../lib/queries/getSnapshot';
import { getOrderViews } from '../../platform/views';
import { getOrderQuery, identifier } from '../http/orderSchemas';
import { orderResponse } from '../projection/orderView';

const views = getOrderViews();

/** GET /orders/{orderId}[?minVersion=n] → 200 the order | 404; waits for `minVersion` (read-your-writes). */
export const handler = httpHandler(async (event) => {
  const orderId = parsePathParameter(event, 'orderId', identifier);
  const { minVersion } = parseQuery(event, getOrderQuery);
  const snapshot = await getSnapshot(views, orderId, minVersion === undefined ? {} : { minVersion });
  if (!snapshot) throw notFound('order', orderId);
  return jsonResponse(200, orderResponse(snapshot), { etag: snapshot.version });
});
