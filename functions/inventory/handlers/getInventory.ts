import { notFound } from '../../../lib/errors/domainErrors';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parsePathParameter, parseQuery } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { getSnapshot } from '../../../lib/queries/getSnapshot';
import { signedInCaller } from '../../platform/access';
import { getInventoryViews } from '../../platform/views';
import { getInventoryQuery, sku as skuSchema } from '../http/inventorySchemas';

const views = getInventoryViews();

/** GET /inventory/{sku}[?minVersion=n] → 200 {sku, available, reserved, version} | 404. */
export const handler = httpHandler(async (event) => {
  signedInCaller(event); // any customer or staff member may see the stock
  const sku = parsePathParameter(event, 'sku', skuSchema);
  const { minVersion } = parseQuery(event, getInventoryQuery);
  const snapshot = await getSnapshot(views, sku, minVersion === undefined ? {} : { minVersion });
  if (!snapshot) throw notFound('sku', sku);
  const { available, reserved } = snapshot.doc;
  return jsonResponse(
    200,
    { sku, available, reserved, version: snapshot.version },
    { etag: snapshot.version },
  );
});
