import { notFound } from '../../../lib/errors/domainErrors';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parsePathParameter, parseQuery } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { getSnapshot } from '../../../lib/queries/getSnapshot';
import { signedInCaller } from '../../platform/access';
import { getOrderViews } from '../../platform/views';
import { orderVisibleTo } from '../http/orderAccess';
import { getOrderQuery, identifier } from '../http/orderSchemas';
import { orderResponse } from '../projection/orderView';

const views = getOrderViews();

/**
 * GET /orders/{orderId}[?minVersion=n] → 200 the order | 404 (also for someone else's); waits for
 * `minVersion` (read-your-writes).
 */
export const handler = httpHandler(async (event) => {
  const caller = signedInCaller(event);
  const orderId = parsePathParameter(event, 'orderId', identifier);
  const { minVersion } = parseQuery(event, getOrderQuery);
  const visible = orderVisibleTo(caller);
  const snapshot = await getSnapshot(views, orderId, {
    visible,
    ...(minVersion === undefined ? {} : { minVersion }),
  });
  if (!snapshot) throw notFound('order', orderId);
  return jsonResponse(200, orderResponse(snapshot), { etag: snapshot.version });
});
