import { notFound } from '../../../lib/errors/domainErrors';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parsePathParameter, parseQuery } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { getSnapshot } from '../../../lib/queries/getSnapshot';
import { parkedNotice } from '../../../lib/queries/parked';
import { authorize } from '../../../lib/auth/policy';
import { signedInCaller } from '../../platform/access';
import { pointInTime } from '../../../lib/http/readQueries';
import { pastAccount } from '../../platform/pastStates';
import { HISTORY_READERS, Scope } from '../../platform/scopes';
import { getAccountViews } from '../../platform/views';
import { customerId as customerIdSchema, getAccountQuery } from '../http/paymentSchemas';

const views = getAccountViews();

/**
 * GET /accounts/{customerId}[?minVersion=n | ?version=n | ?at=<RFC 3339>] → 200 {customerId, balance,
 * version, asOf} | 404 (also for someone else's); past states are folded from the log.
 */
export const handler = httpHandler(async (event) => {
  const caller = signedInCaller(event);
  const customerId = parsePathParameter(event, 'customerId', customerIdSchema);
  const query = parseQuery(event, getAccountQuery);
  const point = pointInTime(query);
  const hidden = () => notFound('account', customerId);
  authorize(caller, { owner: customerId, unless: point ? HISTORY_READERS : Scope.OrdersAdmin, hidden });
  const { minVersion } = query;
  const snapshot = point
    ? await pastAccount(customerId, point)
    : await getSnapshot(views, customerId, minVersion === undefined ? {} : { minVersion });
  if (!snapshot) throw notFound('account', customerId);
  const asOf = snapshot.lastEventAt === undefined ? {} : { asOf: snapshot.lastEventAt };
  const notice = parkedNotice(snapshot);
  const body = { customerId, balance: snapshot.doc.balance, version: snapshot.version, ...asOf, ...notice };
  return jsonResponse(200, body, { etag: snapshot.version });
});
