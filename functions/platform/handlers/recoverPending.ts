import { recoverPending } from '../../../lib/commands/recoverPending';
import { getEventLog } from '../eventLog';
import { getInventoryService } from '../inventoryService';
import { getOrderService } from '../orderService';
import { getPaymentService } from '../paymentService';

const eventLog = getEventLog();
const services = [getOrderService(), getInventoryService(), getPaymentService()];

/**
 * Scheduled (every minute): publishes events (and writes entities) that commands recorded but could not flush,
 * so aggregates that receive no further command still converge (docs/PROTOCOL.md).
 */
export const handler = async () => {
  const results = await Promise.all(
    services.map(({ heads, entities }) =>
      recoverPending({ heads, eventLog, olderThanMs: 60_000, ...(entities ? { entities } : {}) }),
    ),
  );
  const total = results.reduce(
    (sum, r) => ({
      found: sum.found + r.found,
      published: sum.published + r.published,
      failed: sum.failed + r.failed,
    }),
    { found: 0, published: 0, failed: 0 },
  );
  console.log(
    JSON.stringify({ level: total.failed > 0 ? 'warn' : 'info', message: 'recovery run', ...total }),
  );
  // A failure is retried by the next scheduled run; failing the invocation would only add a retry storm.
  return total;
};
