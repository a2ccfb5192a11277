import type { DomainEvent } from '../../lib/domain/decider';
import type { EventCatalog } from '../../lib/envelope/eventCatalog';
import { DynamoEventIndex } from '../../lib/history/dynamoEventIndex';
import { createEventHistory } from '../../lib/history/eventHistory';
import { KafkaLogReader } from '../../lib/history/kafkaLogReader';
import { inventoryCatalog } from '../inventory/domain/inventoryEvents';
import { orderCatalog } from '../order/domain/orderEvents';
import { paymentCatalog } from '../payment/domain/paymentEvents';
import { getConfig } from './config';
import { getDynamo } from './dynamo';
import { getKafka } from './kafka';
import { perEnvironment } from './platform';

/** Where every event of every aggregate sits in the log: the index projection writes it. */
export const getEventIndex = perEnvironment(
  () => new DynamoEventIndex(getDynamo(), getConfig().EVENT_INDEX_TABLE),
);

/** Reads records back by position, without a consumer group; connects on the first read. */
export const getLogReader = perEnvironment(
  () => new KafkaLogReader({ kafka: getKafka }),
  (reader) => reader.close(),
);

const historyOf = <Event extends DomainEvent>(catalog: EventCatalog<Event>) =>
  perEnvironment(() => createEventHistory({ index: getEventIndex(), reader: getLogReader(), catalog }));

/** An order's events read back from the log (history routes, time travel, gap repair). */
export const getOrderHistory = historyOf(orderCatalog);
/** A sku's events read back from the log. */
export const getInventoryHistory = historyOf(inventoryCatalog);
/** An account's events read back from the log. */
export const getAccountHistory = historyOf(paymentCatalog);
