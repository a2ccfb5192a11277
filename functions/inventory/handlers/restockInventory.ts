import { commandRequest } from '../../../lib/http/commandRequest';
import { httpHandler } from '../../../lib/http/httpHandler';
import { parseJsonBody, parsePathParameter } from '../../../lib/http/request';
import { jsonResponse } from '../../../lib/http/response';
import { authorize } from '../../../lib/auth/policy';
import { signedInCaller } from '../../platform/access';
import { getIdempotency } from '../../platform/idempotency';
import { Scope } from '../../platform/scopes';
import { getInventoryService } from '../../platform/inventoryService';
import { restockBody, sku as skuSchema } from '../http/inventorySchemas';

const idempotency = getIdempotency();
const inventory = getInventoryService();

/** POST /inventory/{sku}/restocks {quantity} → 200 {sku, available, reserved, version}; needs inventory:write. */
export const handler = httpHandler((event, context) => {
  // API Gateway refuses a token without the scope first (the route's authorizationScopes).
  authorize(signedInCaller(event), { scope: Scope.InventoryWrite });
  const sku = parsePathParameter(event, 'sku', skuSchema);
  const { quantity } = parseJsonBody(event, restockBody);
  return commandRequest(event, { idempotency, context }, async ({ metadata, expectedVersion }) => {
    const command = { type: 'Restock', quantity } as const;
    const { state, version } = await inventory.handle({
      aggregateId: sku,
      command,
      metadata,
      expectedVersion,
    });
    return jsonResponse(
      200,
      { sku, available: state.available, reserved: state.reserved, version },
      { etag: version },
    );
  });
});
