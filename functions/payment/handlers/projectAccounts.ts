import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getPlatform } from '../../platform/platform';
import { getServices } from '../../platform/services';
import { accountView } from '../projection/accountView';

const { deadLetters } = getPlatform();
const { payment } = getServices();

/** Payment topic → account read model (MSK event source mapping). */
export const handler = createProjectionHandler({
  projection: accountView,
  store: payment.views,
  deadLetters,
});
