import { authorize } from '../../../lib/auth/policy';
import { notFound } from '../../../lib/errors/domainErrors';
import { httpHandler } from '../../../lib/http/httpHandler';
import { historyQuery } from '../../../lib/http/readQueries';
import { parsePathParameter, parseQuery } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { historyPage } from '../../../lib/queries/historyPage';
import { signedInCaller } from '../../platform/access';
import { getAccountHistory } from '../../platform/history';
import { HISTORY_READERS } from '../../platform/scopes';
import { paymentCatalog } from '../domain/paymentEvents';
import { customerId as customerIdSchema } from '../http/paymentSchemas';

const history = getAccountHistory();

/** GET /accounts/{customerId}/events → 200 {events, nextFromVersion?}; its customer's, ops', orders:admin's. */
export const handler = httpHandler(async (event) => {
  const caller = signedInCaller(event);
  const customerId = parsePathParameter(event, 'customerId', customerIdSchema);
  const hidden = () => notFound('account', customerId);
  authorize(caller, { owner: customerId, unless: HISTORY_READERS, hidden });
  const query = parseQuery(event, historyQuery);
  return jsonResponse(200, await historyPage(history, paymentCatalog, 'account', customerId, query));
});
