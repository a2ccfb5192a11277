import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getConfig } from '../../platform/config';
import { getDeadLetters } from '../../platform/deadLetters';
import { getAccountHistory } from '../../platform/history';
import { withRedrive } from '../../platform/redrive';
import { viewsOn } from '../../platform/views';
import { accountView, type AccountView } from '../projection/accountView';

/**
 * Payment topic → the account read model in `tableName`: one version of the projection (a rebuild runs
 * another beside the live one, each on its own table and consumer group).
 */
export const forTable = (tableName: string) =>
  withRedrive(
    createProjectionHandler({
      projection: accountView,
      store: viewsOn<AccountView>(tableName),
      deadLetters: getDeadLetters(),
      history: getAccountHistory(),
    }),
  );

/** Payment topic → account read model (MSK event source mapping). */
export const handler = forTable(getConfig().ACCOUNT_VIEWS_TABLE);
