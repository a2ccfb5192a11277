import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getConfig } from '../../platform/config';
import { getDeadLetters } from '../../platform/deadLetters';
import { getInventoryHistory } from '../../platform/history';
import { versionedProjection } from '../../platform/projectionVersions';
import { withRedrive } from '../../platform/redrive';
import { viewsOn } from '../../platform/views';
import { inventoryView, type InventoryView } from '../projection/inventoryView';

/**
 * Inventory topic → the stock read model in `tableName`, as version `version` of the projection: versions run side by side, each
 * on its own table and consumer group (docs/PROTOCOL.md, "Projection versions").
 */
export const forVersion = (version: number, tableName: string) =>
  versionedProjection('inventoryViews', version, (writes) =>
    withRedrive(
      createProjectionHandler({
        projection: inventoryView,
        store: viewsOn<InventoryView>(tableName),
        deadLetters: getDeadLetters(),
        history: getInventoryHistory(),
        writes,
      }),
    ),
  );

const config = getConfig();

/** Inventory topic → the stock read model (MSK event source mapping): the version this function was deployed as. */
export const handler = forVersion(config.PROJECTION_VERSION, config.INVENTORY_VIEWS_TABLE);
