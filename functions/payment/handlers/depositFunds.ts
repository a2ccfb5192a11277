import { commandRequest } from '../../../lib/http/commandRequest';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parseJsonBody, parsePathParameter } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { authorize } from '../../../lib/auth/policy';
import { notFound } from '../../../lib/errors/domainErrors';
import { signedInCaller } from '../../platform/access';
import { getIdempotency } from '../../platform/idempotency';
import { Scope } from '../../platform/scopes';
import { getPaymentService } from '../../platform/paymentService';
import { customerId as customerIdSchema, depositBody } from '../http/paymentSchemas';

const idempotency = getIdempotency();
const payment = getPaymentService();

/** POST /accounts/{customerId}/deposits {amount} → 200 {customerId, balance, version}. */
export const handler = httpHandler((event, context) => {
  const caller = signedInCaller(event);
  const customerId = parsePathParameter(event, 'customerId', customerIdSchema);
  authorize(caller, {
    owner: customerId,
    unless: Scope.OrdersAdmin,
    hidden: () => notFound('account', customerId),
  });
  const { amount } = parseJsonBody(event, depositBody);
  return commandRequest(event, { idempotency, context }, async ({ metadata, expectedVersion }) => {
    const command = { type: 'Deposit', amount } as const;
    const { state, version } = await payment.handle({
      aggregateId: customerId,
      command,
      metadata,
      expectedVersion,
    });
    return jsonResponse(200, { customerId, balance: state.balance, version }, { etag: version });
  });
});
