import { orderDecider } from '../order/domain/orderDecider';
import { orderCatalog } from '../order/domain/orderEvents';
import { commandService } from './commandService';

/** Order's head store and command handler. */
export const getOrderService = commandService({
  decider: orderDecider,
  catalog: orderCatalog,
  source: 'urn:service:order',
  topic: 'ORDER_TOPIC',
  headsTable: 'ORDER_HEADS_TABLE',
});
