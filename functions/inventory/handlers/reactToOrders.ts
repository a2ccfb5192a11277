import { createReactorHandler } from '../../../lib/reactors/reactorHandler';
import { getDeadLetters } from '../../platform/deadLetters';
import { getOrderHistory } from '../../platform/history';
import { withRedrive } from '../../platform/redrive';
import { getInventoryService } from '../../platform/inventoryService';
import { getCheckpoints } from '../../platform/views';
import { inventoryOnOrder } from '../reactors/inventoryOnOrder';

/** Order topic → stock commands: reserve on placement, release on cancellation, ship on fulfilment. */
export const handler = withRedrive(
  createReactorHandler({
    reactor: inventoryOnOrder,
    dispatch: getInventoryService().handleBatch,
    checkpoints: getCheckpoints(),
    deadLetters: getDeadLetters(),
    history: getOrderHistory(),
  }),
);
