import { notFound } from '../../../lib/errors/domainErrors';
import { httpHandler } from '../../../lib/http/httpHandler';
import { pointInTime } from '../../../lib/http/readQueries';
import { parsePathParameter, parseQuery } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { getSnapshot } from '../../../lib/queries/getSnapshot';
import { parkedNotice } from '../../../lib/queries/parked';
import { signedInCaller } from '../../platform/access';
import { pastOrder } from '../../platform/pastStates';
import { HISTORY_READERS } from '../../platform/scopes';
import { getOrderViews } from '../../platform/views';
import { orderVisibleTo } from '../http/orderAccess';
import { getOrderQuery, identifier } from '../http/orderSchemas';
import { orderResponse } from '../projection/orderView';

const views = getOrderViews();

/**
 * GET /orders/{orderId}[?minVersion=n | ?version=n | ?at=<RFC 3339>] → 200 the order | 404 (also
 * for someone else's). `minVersion` waits for a version a command returned (read your writes);
 * `version` and `at` answer the order as it was, folded from the log (its customer, ops and
 * orders:admin).
 */
export const handler = httpHandler(async (event) => {
  const caller = signedInCaller(event);
  const orderId = parsePathParameter(event, 'orderId', identifier);
  const query = parseQuery(event, getOrderQuery);
  const point = pointInTime(query);
  const visible = orderVisibleTo(caller, point ? HISTORY_READERS : undefined);
  const { minVersion } = query;
  const snapshot = await getSnapshot(views, orderId, {
    visible,
    ...(minVersion === undefined ? {} : { minVersion }),
  });
  if (!snapshot) throw notFound('order', orderId);
  const answer = point ? await pastOrder(orderId, point) : snapshot;
  return jsonResponse(200, { ...orderResponse(answer), ...parkedNotice(answer) }, { etag: answer.version });
});
