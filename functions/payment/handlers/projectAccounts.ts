import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getDeadLetters } from '../../platform/deadLetters';
import { getAccountHistory } from '../../platform/history';
import { withRedrive } from '../../platform/redrive';
import { getAccountViews } from '../../platform/views';
import { accountView } from '../projection/accountView';

/** Payment topic → account read model (MSK event source mapping). */
export const handler = withRedrive(
  createProjectionHandler({
    projection: accountView,
    store: getAccountViews(),
    deadLetters: getDeadLetters(),
    history: getAccountHistory(),
  }),
);
