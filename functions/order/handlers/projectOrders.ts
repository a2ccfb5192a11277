import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getConfig } from '../../platform/config';
import { getDeadLetters } from '../../platform/deadLetters';
import { getOrderHistory } from '../../platform/history';
import { versionedProjection } from '../../platform/projectionVersions';
import { withRedrive } from '../../platform/redrive';
import { viewsOn } from '../../platform/views';
import { orderView, type OrderView } from '../projection/orderView';

/**
 * Order topic → the order read model in `tableName`, as version `version` of the projection: versions run side by side, each
 * on its own table and consumer group (docs/PROTOCOL.md, "Projection versions").
 */
export const forVersion = (version: number, tableName: string) =>
  versionedProjection('orderViews', version, (writes) =>
    withRedrive(
      createProjectionHandler({
        projection: orderView,
        store: viewsOn<OrderView>(tableName),
        deadLetters: getDeadLetters(),
        history: getOrderHistory(),
        writes,
      }),
    ),
  );

const config = getConfig();

/** Order topic → the order read model (MSK event source mapping): the version this function was deployed as. */
export const handler = forVersion(config.PROJECTION_VERSION, config.ORDER_VIEWS_TABLE);
