import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { getConfig } from '../../platform/config';
import { getDeadLetters } from '../../platform/deadLetters';
import { getAccountHistory } from '../../platform/history';
import { versionedProjection } from '../../platform/projectionVersions';
import { withRedrive } from '../../platform/redrive';
import { viewsOn } from '../../platform/views';
import { accountView, type AccountView } from '../projection/accountView';

/**
 * Payment topic → the account read model in `tableName`, as version `version` of the projection: versions run side by side, each
 * on its own table and consumer group (docs/PROTOCOL.md, "Projection versions").
 */
export const forVersion = (version: number, tableName: string) =>
  versionedProjection('accountViews', version, (writes) =>
    withRedrive(
      createProjectionHandler({
        projection: accountView,
        store: viewsOn<AccountView>(tableName),
        deadLetters: getDeadLetters(),
        history: getAccountHistory(),
        writes,
      }),
    ),
  );

const config = getConfig();

/** Payment topic → the account read model (MSK event source mapping): the version this function was deployed as. */
export const handler = forVersion(config.PROJECTION_VERSION, config.ACCOUNT_VIEWS_TABLE);
