import { createReactorHandler } from '../../../lib/reactors/reactorHandler';
import { getPlatform } from '../../platform/platform';
import { getServices } from '../../platform/services';
import { paymentOnOrder } from '../reactors/paymentOnOrder';

const { deadLetters } = getPlatform();
const { payment, checkpoints } = getServices();

/** Order topic → account commands: charge a requested payment, refund on cancellation. */
export const handler = createReactorHandler({
  reactor: paymentOnOrder,
  dispatch: payment.handle,
  checkpoints,
  deadLetters,
});
