import { createReactorHandler } from '../../../lib/reactors/reactorHandler';
import { getPlatform } from '../../platform/platform';
import { getServices } from '../../platform/services';
import { inventoryOnOrder } from '../reactors/inventoryOnOrder';

const { deadLetters } = getPlatform();
const { inventory, checkpoints } = getServices();

/** Order topic → stock commands: reserve on placement, release on cancellation, ship on fulfilment. */
export const handler = createReactorHandler({
  reactor: inventoryOnOrder,
  dispatch: inventory.handle,
  checkpoints,
  deadLetters,
});
