import { createCommandHandler } from '../../lib/commands/commandHandler';
import { DynamoHeadStore } from '../../lib/heads/dynamoHeadStore';
import type { ReactorCheckpoint } from '../../lib/reactors/reactorHandler';
import { DynamoSnapshotStore } from '../../lib/snapshots/dynamoSnapshotStore';
import { inventoryCatalog } from '../inventory/domain/inventoryEvents';
import { inventoryDecider } from '../inventory/domain/inventoryDecider';
import type { InventoryState } from '../inventory/domain/inventoryState';
import type { InventoryView } from '../inventory/projection/inventoryView';
import { orderCatalog } from '../order/domain/orderEvents';
import { orderDecider } from '../order/domain/orderDecider';
import type { OrderState } from '../order/domain/orderState';
import type { OrderView } from '../order/projection/orderView';
import { paymentCatalog } from '../payment/domain/paymentEvents';
import { paymentDecider } from '../payment/domain/paymentDecider';
import type { PaymentState } from '../payment/domain/paymentState';
import type { AccountView } from '../payment/projection/accountView';
import { getPlatform } from './platform';

/**
 * Each service's command handler, head store and read-model store, wired to the shared clients.
 * Built once per execution environment, on first use at module scope of a handler.
 */
function createServices() {
  const { config, dynamo, eventLog } = getPlatform();
  const heads = <State>(tableName: string) => new DynamoHeadStore<State>(dynamo, tableName);
  const views = <Doc extends object>(tableName: string) =>
    new DynamoSnapshotStore<Doc>({ client: dynamo, tableName });
  const orderHeads = heads<OrderState>(config.ORDER_HEADS_TABLE);
  const inventoryHeads = heads<InventoryState>(config.INVENTORY_HEADS_TABLE);
  const accountHeads = heads<PaymentState>(config.ACCOUNT_HEADS_TABLE);
  return {
    order: {
      heads: orderHeads,
      views: views<OrderView>(config.ORDER_VIEWS_TABLE),
      handle: createCommandHandler({
        decider: orderDecider,
        catalog: orderCatalog,
        source: 'urn:service:order',
        topic: config.ORDER_TOPIC,
        heads: orderHeads,
        eventLog,
      }),
    },
    inventory: {
      heads: inventoryHeads,
      views: views<InventoryView>(config.INVENTORY_VIEWS_TABLE),
      handle: createCommandHandler({
        decider: inventoryDecider,
        catalog: inventoryCatalog,
        source: 'urn:service:inventory',
        topic: config.INVENTORY_TOPIC,
        heads: inventoryHeads,
        eventLog,
      }),
    },
    payment: {
      heads: accountHeads,
      views: views<AccountView>(config.ACCOUNT_VIEWS_TABLE),
      handle: createCommandHandler({
        decider: paymentDecider,
        catalog: paymentCatalog,
        source: 'urn:service:payment',
        topic: config.PAYMENT_TOPIC,
        heads: accountHeads,
        eventLog,
      }),
    },
    checkpoints: views<ReactorCheckpoint>(config.CHECKPOINTS_TABLE),
  };
}

export type Services = ReturnType<typeof createServices>;

let services: Services | undefined;

export function getServices(): Services {
  services ??= createServices();
  return services;
}

/** Forget the wiring (local runtime shutdown), so a later start builds it against fresh clients. */
export function resetServices(): void {
  services = undefined;
}
