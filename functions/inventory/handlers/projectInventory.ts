import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getPlatform } from '../../platform/platform';
import { getServices } from '../../platform/services';
import { inventoryView } from '../projection/inventoryView';

const { deadLetters } = getPlatform();
const { inventory } = getServices();

/** Inventory topic → stock read model (MSK event source mapping). */
export const handler = createProjectionHandler({
  projection: inventoryView,
  store: inventory.views,
  deadLetters,
});
