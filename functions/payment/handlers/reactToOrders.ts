import { createReactorHandler } from '../../../lib/reactors/reactorHandler';
import { getDeadLetters } from '../../platform/deadLetters';
import { getOrderHistory } from '../../platform/history';
import { withRedrive } from '../../platform/redrive';
import { getPaymentService } from '../../platform/paymentService';
import { getCheckpoints } from '../../platform/views';
import { paymentOnOrder } from '../reactors/paymentOnOrder';

/** Order topic → account commands: charge a requested payment, refund on cancellation. */
export const handler = withRedrive(
  createReactorHandler({
    reactor: paymentOnOrder,
    dispatch: getPaymentService().handleBatch,
    checkpoints: getCheckpoints(),
    deadLetters: getDeadLetters(),
    history: getOrderHistory(),
  }),
);
