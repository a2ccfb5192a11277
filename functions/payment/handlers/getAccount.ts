import { notFound } from '../../../lib/errors/domainErrors';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parsePathParameter, parseQuery } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { getSnapshot } from '../../../lib/queries/getSnapshot';
import { authorize } from '../../../lib/auth/policy';
import { signedInCaller } from '../../platform/access';
import { Scope } from '../../platform/scopes';
import { getAccountViews } from '../../platform/views';
import { customerId as customerIdSchema, getAccountQuery } from '../http/paymentSchemas';

const views = getAccountViews();

/** GET /accounts/{customerId}[?minVersion=n] → 200 {customerId, balance, version} | 404 (also for someone else's). */
export const handler = httpHandler(async (event) => {
  const caller = signedInCaller(event);
  const customerId = parsePathParameter(event, 'customerId', customerIdSchema);
  authorize(caller, {
    owner: customerId,
    unless: Scope.OrdersAdmin,
    hidden: () => notFound('account', customerId),
  });
  const { minVersion } = parseQuery(event, getAccountQuery);
  const snapshot = await getSnapshot(views, customerId, minVersion === undefined ? {} : { minVersion });
  if (!snapshot) throw notFound('account', customerId);
  return jsonResponse(
    200,
    { customerId, balance: snapshot.doc.balance, version: snapshot.version },
    { etag: snapshot.version },
  );
});
