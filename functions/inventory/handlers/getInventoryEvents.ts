import { authorize } from '../../../lib/auth/policy';
import { httpHandler } from '../../../lib/http/httpHandler';
import { historyQuery } from '../../../lib/http/readQueries';
import { parsePathParameter, parseQuery } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { historyPage } from '../../../lib/queries/historyPage';
import { signedInCaller } from '../../platform/access';
import { getInventoryHistory } from '../../platform/history';
import { STOCK_HISTORY_READERS } from '../../platform/scopes';
import { inventoryCatalog } from '../domain/inventoryEvents';
import { sku as skuSchema } from '../http/inventorySchemas';

const history = getInventoryHistory();

/** GET /inventory/{sku}/events → 200 {events, nextFromVersion?}; for ops and inventory:write. */
export const handler = httpHandler(async (event) => {
  authorize(signedInCaller(event), { scope: STOCK_HISTORY_READERS });
  const sku = parsePathParameter(event, 'sku', skuSchema);
  const query = parseQuery(event, historyQuery);
  return jsonResponse(200, await historyPage(history, inventoryCatalog, 'sku', sku, query));
});
