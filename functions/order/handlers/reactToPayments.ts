import { createReactorHandler } from '../../../lib/reactors/reactorHandler';
import { getDeadLetters } from '../../platform/deadLetters';
import { getAccountHistory } from '../../platform/history';
import { withRedrive } from '../../platform/redrive';
import { getOrderService } from '../../platform/orderService';
import { getCheckpoints } from '../../platform/views';
import { orderOnPayment } from '../reactors/orderOnPayment';

/** Payment topic → order commands: payment captured (to FULFILLMENT) or declined (stay in PAYMENT). */
export const handler = withRedrive(
  createReactorHandler({
    reactor: orderOnPayment,
    dispatch: getOrderService().handleBatch,
    checkpoints: getCheckpoints(),
    deadLetters: getDeadLetters(),
    history: getAccountHistory(),
  }),
);
