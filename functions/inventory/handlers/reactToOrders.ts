import { createReactorHandler } from '../../../lib/reactors/reactorHandler';
import { getDeadLetters } from '../../platform/deadLetters';
import { getInventoryService } from '../../platform/inventoryService';
import { getCheckpoints } from '../../platform/views';
import { inventoryOnOrder } from '../reactors/inventoryOnOrder';

/** Order topic → stock commands: reserve on placement, release on cancellation, ship on fulfilment. */
export const handler = createReactorHandler({
  reactor: inventoryOnOrder,
  dispatch: getInventoryService().handleBatch,
  checkpoints: getCheckpoints(),
  deadLetters: getDeadLetters(),
});
