import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getDeadLetters } from '../../platform/deadLetters';
import { getOrderHistory } from '../../platform/history';
import { withRedrive } from '../../platform/redrive';
import { getOrderViews } from '../../platform/views';
import { orderView } from '../projection/orderView';

/** Order topic → order read model (MSK event source mapping). */
export const handler = withRedrive(
  createProjectionHandler({
    projection: orderView,
    store: getOrderViews(),
    deadLetters: getDeadLetters(),
    history: getOrderHistory(),
  }),
);
