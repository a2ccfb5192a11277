import { liveVersion } from '../../lib/projectionVersions/projectionVersions';
import { LiveSnapshotStore } from '../../lib/projectionVersions/liveSnapshotStore';
import type { ReactorCheckpoint } from '../../lib/reactors/reactorHandler';
import { DynamoSnapshotStore } from '../../lib/snapshots/dynamoSnapshotStore';
import type { InventoryView } from '../inventory/projection/inventoryView';
import type { OrderView } from '../order/projection/orderView';
import type { AccountView } from '../payment/projection/accountView';
import { getConfig } from './config';
import { getDynamo } from './dynamo';
import { perEnvironment } from './platform';
import { versionsOf, type ProjectionName } from './projectionVersions';

type ViewsVariable = 'ORDER_VIEWS_TABLE' | 'INVENTORY_VIEWS_TABLE' | 'ACCOUNT_VIEWS_TABLE';

/**
 * The read model of the live version of a projection: the versions record names its table (a
 * cutover flips it without a deployment); the table in the environment, version 1's, while
 * nothing is recorded.
 */
const liveViews = <Doc extends object>(name: ProjectionName, fallback: ViewsVariable) =>
  perEnvironment(() => {
    const versions = versionsOf(name);
    const table = async () => {
      const record = await versions();
      return (record && liveVersion(record)?.table) ?? getConfig()[fallback];
    };
    return new LiveSnapshotStore<Doc>({ table, storeOn: (tableName) => viewsOn<Doc>(tableName) });
  });

/**
 * A read-model store on a table named explicitly: one version of a projection (a rebuild writes
 * `<table>-v<n>` beside the live table).
 */
export function viewsOn<Doc extends object>(tableName: string): DynamoSnapshotStore<Doc> {
  return new DynamoSnapshotStore<Doc>({ client: getDynamo(), tableName });
}

// Read models and checkpoints need DynamoDB only: a query or a projection that imports them loads
// no Kafka client and no decider.

/** The order read model: queries read its live version. */
export const getOrderViews = liveViews<OrderView>('orderViews', 'ORDER_VIEWS_TABLE');
/** The stock read model. */
export const getInventoryViews = liveViews<InventoryView>('inventoryViews', 'INVENTORY_VIEWS_TABLE');
/** The account read model. */
export const getAccountViews = liveViews<AccountView>('accountViews', 'ACCOUNT_VIEWS_TABLE');
/** The reactors' checkpoints (the last event each reactor acted on, per aggregate). */
export const getCheckpoints = perEnvironment(() => viewsOn<ReactorCheckpoint>(getConfig().CHECKPOINTS_TABLE));
