import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getConfig } from '../../platform/config';
import { getDeadLetters } from '../../platform/deadLetters';
import { getInventoryHistory } from '../../platform/history';
import { withRedrive } from '../../platform/redrive';
import { viewsOn } from '../../platform/views';
import { inventoryView, type InventoryView } from '../projection/inventoryView';

/**
 * Inventory topic → the stock read model in `tableName`: one version of the projection (a rebuild runs
 * another beside the live one, each on its own table and consumer group).
 */
export const forTable = (tableName: string) =>
  withRedrive(
    createProjectionHandler({
      projection: inventoryView,
      store: viewsOn<InventoryView>(tableName),
      deadLetters: getDeadLetters(),
      history: getInventoryHistory(),
    }),
  );

/** Inventory topic → stock read model (MSK event source mapping). */
export const handler = forTable(getConfig().INVENTORY_VIEWS_TABLE);
