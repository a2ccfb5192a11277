import { createReactorHandler } from '../../../lib/reactors/reactorHandler';
import { getPlatform } from '../../platform/platform';
import { getServices } from '../../platform/services';
import { orderOnPayment } from '../reactors/orderOnPayment';

const { deadLetters } = getPlatform();
const { order, checkpoints } = getServices();

/** Payment topic → order commands: payment captured (to FULFILLMENT) or declined (stay in PAYMENT). */
export const handler = createReactorHandler({
  reactor: orderOnPayment,
  dispatch: order.handle,
  checkpoints,
  deadLetters,
});
