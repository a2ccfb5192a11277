import type { ReactorCheckpoint } from '../../lib/reactors/reactorHandler';
import { DynamoSnapshotStore } from '../../lib/snapshots/dynamoSnapshotStore';
import type { InventoryView } from '../inventory/projection/inventoryView';
import type { OrderView } from '../order/projection/orderView';
import type { AccountView } from '../payment/projection/accountView';
import { getConfig } from './config';
import { getDynamo } from './dynamo';
import { perEnvironment } from './platform';

type TableVariable =
  'ORDER_VIEWS_TABLE' | 'INVENTORY_VIEWS_TABLE' | 'ACCOUNT_VIEWS_TABLE' | 'CHECKPOINTS_TABLE';

const views = <Doc extends object>(table: TableVariable) =>
  perEnvironment(() => viewsOn<Doc>(getConfig()[table]));

/**
 * A read-model store on a table named explicitly: a projection version other than the one the
 * environment names (a rebuild writes `<table>-v<n>` beside the live table).
 */
export function viewsOn<Doc extends object>(tableName: string): DynamoSnapshotStore<Doc> {
  return new DynamoSnapshotStore<Doc>({ client: getDynamo(), tableName });
}

// Read models and checkpoints need DynamoDB only: a query or a projection that imports them loads
// no Kafka client and no decider.

/** The order read model: queries read it, the order projection writes it. */
export const getOrderViews = views<OrderView>('ORDER_VIEWS_TABLE');
/** The stock read model. */
export const getInventoryViews = views<InventoryView>('INVENTORY_VIEWS_TABLE');
/** The account read model. */
export const getAccountViews = views<AccountView>('ACCOUNT_VIEWS_TABLE');
/** The reactors' checkpoints (the last event each reactor acted on, per aggregate). */
export const getCheckpoints = views<ReactorCheckpoint>('CHECKPOINTS_TABLE');
