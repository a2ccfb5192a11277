import { notFound } from '../../../lib/errors/domainErrors';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parsePathParameter, parseQuery } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { getSnapshot } from '../../../lib/queries/getSnapshot';
import { parkedNotice } from '../../../lib/queries/parked';
import { authorize } from '../../../lib/auth/policy';
import { pointInTime } from '../../../lib/http/readQueries';
import { signedInCaller } from '../../platform/access';
import { pastStock } from '../../platform/pastStates';
import { STOCK_HISTORY_READERS } from '../../platform/scopes';
import { getInventoryViews } from '../../platform/views';
import { getInventoryQuery, sku as skuSchema } from '../http/inventorySchemas';

const views = getInventoryViews();

/**
 * GET /inventory/{sku}[?minVersion=n | ?version=n | ?at=<RFC 3339>] → 200 {sku, available, reserved,
 * version, asOf} | 404. The current stock is anyone's to see; past states (folded from the log) are
 * for ops and inventory:write.
 */
export const handler = httpHandler(async (event) => {
  const caller = signedInCaller(event);
  const sku = parsePathParameter(event, 'sku', skuSchema);
  const query = parseQuery(event, getInventoryQuery);
  const point = pointInTime(query);
  if (point) authorize(caller, { scope: STOCK_HISTORY_READERS });
  const { minVersion } = query;
  const snapshot = point
    ? await pastStock(sku, point)
    : await getSnapshot(views, sku, minVersion === undefined ? {} : { minVersion });
  if (!snapshot) throw notFound('sku', sku);
  const notice = parkedNotice(snapshot);
  const { available, reserved } = snapshot.doc;
  const asOf = snapshot.lastEventAt === undefined ? {} : { asOf: snapshot.lastEventAt };
  return jsonResponse(
    200,
    { sku, available, reserved, version: snapshot.version, ...asOf, ...notice },
    { etag: snapshot.version },
  );
});
