import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getDeadLetters } from '../../platform/deadLetters';
import { getInventoryHistory } from '../../platform/history';
import { withRedrive } from '../../platform/redrive';
import { getInventoryViews } from '../../platform/views';
import { inventoryView } from '../projection/inventoryView';

/** Inventory topic → stock read model (MSK event source mapping). */
export const handler = withRedrive(
  createProjectionHandler({
    projection: inventoryView,
    store: getInventoryViews(),
    deadLetters: getDeadLetters(),
    history: getInventoryHistory(),
  }),
);
