import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getDeadLetters } from '../../platform/deadLetters';
import { getAccountViews } from '../../platform/views';
import { accountView } from '../projection/accountView';

/** Payment topic → account read model (MSK event source mapping). */
export const handler = createProjectionHandler({
  projection: accountView,
  store: getAccountViews(),
  deadLetters: getDeadLetters(),
});
