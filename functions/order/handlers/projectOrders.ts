import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getPlatform } from '../../platform/platform';
import { getServices } from '../../platform/services';
import { orderView } from '../projection/orderView';

const { deadLetters } = getPlatform();
const { order } = getServices();

/** Order topic → order read model (MSK event source mapping). */
export const handler = createProjectionHandler({ projection: orderView, store: order.views, deadLetters });
