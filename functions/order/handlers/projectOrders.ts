import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getConfig } from '../../platform/config';
import { getDeadLetters } from '../../platform/deadLetters';
import { getOrderHistory } from '../../platform/history';
import { withRedrive } from '../../platform/redrive';
import { viewsOn } from '../../platform/views';
import { orderView, type OrderView } from '../projection/orderView';

/**
 * Order topic → the order read model in `tableName`: one version of the projection (a rebuild
 * runs another beside the live one, each on its own table and consumer group).
 */
export const forTable = (tableName: string) =>
  withRedrive(
    createProjectionHandler({
      projection: orderView,
      store: viewsOn<OrderView>(tableName),
      deadLetters: getDeadLetters(),
      history: getOrderHistory(),
    }),
  );

/** Order topic → order read model (MSK event source mapping). */
export const handler = forTable(getConfig().ORDER_VIEWS_TABLE);
