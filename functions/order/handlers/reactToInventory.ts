import { createReactorHandler } from '../../../lib/reactors/reactorHandler';
import { getDeadLetters } from '../../platform/deadLetters';
import { getInventoryHistory } from '../../platform/history';
import { withRedrive } from '../../platform/redrive';
import { getOrderService } from '../../platform/orderService';
import { getCheckpoints } from '../../platform/views';
import { orderOnInventory } from '../reactors/orderOnInventory';

/** Inventory topic → order commands: a line reserved, or the order cancelled for lack of stock. */
export const handler = withRedrive(
  createReactorHandler({
    reactor: orderOnInventory,
    dispatch: getOrderService().handleBatch,
    checkpoints: getCheckpoints(),
    deadLetters: getDeadLetters(),
    history: getInventoryHistory(),
  }),
);
