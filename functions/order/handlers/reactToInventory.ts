import { createReactorHandler } from '../../../lib/reactors/reactorHandler';
import { getPlatform } from '../../platform/platform';
import { getServices } from '../../platform/services';
import { orderOnInventory } from '../reactors/orderOnInventory';

const { deadLetters } = getPlatform();
const { order, checkpoints } = getServices();

/** Inventory topic → order commands: a line reserved, or the order cancelled for lack of stock. */
export const handler = createReactorHandler({
  reactor: orderOnInventory,
  dispatch: order.handle,
  checkpoints,
  deadLetters,
});
