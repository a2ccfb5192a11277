import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getDeadLetters } from '../../platform/deadLetters';
import { getOrderViews } from '../../platform/views';
import { orderView } from '../projection/orderView';

/** Order topic → order read model (MSK event source mapping). */
export const handler = createProjectionHandler({
  projection: orderView,
  store: getOrderViews(),
  deadLetters: getDeadLetters(),
});
