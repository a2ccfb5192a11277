import type { MSKEvent } from 'aws-lambda';
import type { DomainEvent } from '../../../lib/domain/decider';
import type { EventCatalog } from '../../../lib/envelope/eventCatalog';
import { eventId } from '../../../lib/envelope/eventEnvelope';
import { encodeEnvelope } from '../../../lib/envelope/kafkaCodec';
import { toMskEvent } from '../../../lib/local/mskEventSource/mskEvent';
import { inventoryCatalog } from '../../../functions/inventory/domain/inventoryEvents';
import { orderCatalog } from '../../../functions/order/domain/orderEvents';
import { paymentCatalog } from '../../../functions/payment/domain/paymentEvents';
import { topics, type FunctionSpec } from '../../topology';
import { EXAMPLE_TIME, type ExampleIds } from './examples';

interface ExampleRecord<Event extends DomainEvent> {
  readonly catalog: EventCatalog<Event>;
  readonly service: string;
  readonly aggregateId: string;
  readonly version: number;
  readonly event: Event;
}

/**
 * The event each consuming function is shown: the one it acts on in the README's order, at the
 * version it has there (PaymentRequested is an order's 4th event).
 */
function recordsFor({
  orderId,
  sku,
  customerId,
}: ExampleIds): Readonly<Record<string, ExampleRecord<DomainEvent>>> {
  const line = { sku, quantity: 2, unitPrice: 1500 };
  const orderPlaced = {
    catalog: orderCatalog,
    service: 'order',
    aggregateId: orderId,
    version: 1,
    event: { type: 'OrderPlaced', data: { customerId, items: [line], total: 3000, placedAt: EXAMPLE_TIME } },
  } as const;
  const paymentRequested = {
    ...orderPlaced,
    version: 4,
    event: { type: 'PaymentRequested', data: { amount: 3000, customerId, attempt: 1 } },
  } as const;
  const restocked = {
    catalog: inventoryCatalog,
    service: 'inventory',
    aggregateId: sku,
    version: 1,
    event: { type: 'Restocked', data: { quantity: 10 } },
  } as const;
  const stockReserved = {
    ...restocked,
    version: 2,
    event: { type: 'StockReserved', data: { orderId, quantity: 2 } },
  } as const;
  const deposited = {
    catalog: paymentCatalog,
    service: 'payment',
    aggregateId: customerId,
    version: 1,
    event: { type: 'Deposited', data: { amount: 5000 } },
  } as const;
  const captured = {
    ...deposited,
    version: 2,
    event: { type: 'PaymentCaptured', data: { orderId, attempt: 1, amount: 3000 } },
  } as const;
  return {
    indexOrders: orderPlaced,
    projectOrders: orderPlaced,
    inventoryReactsToOrders: orderPlaced,
    paymentReactsToOrders: paymentRequested,
    indexInventory: restocked,
    projectInventory: restocked,
    orderReactsToInventory: stockReserved,
    indexPayments: deposited,
    projectAccounts: deposited,
    orderReactsToPayments: captured,
  };
}

/**
 * The MSK event of a projection, reactor or indexer: one record on its topic, encoded by the codec
 * commands produce with and shaped by the MSK event source emulator's own code.
 */
export function mskEvent(spec: FunctionSpec, ids: ExampleIds): MSKEvent {
  const example = recordsFor(ids)[spec.name];
  if (!spec.msk || !example) throw new Error(`no example record for the consuming function ${spec.name}`);
  const { catalog, aggregateId, version } = example;
  const encoded = encodeEnvelope(
    {
      id: eventId(catalog.aggregateType, aggregateId, version),
      source: `urn:service:${example.service}`,
      time: EXAMPLE_TIME,
      aggregateId,
      aggregateType: catalog.aggregateType,
      aggregateVersion: version,
      schemaVersion: 1,
      correlationId: 'example-correlation',
      commandId: `example-command-${version}`,
      event: example.event,
    },
    catalog,
  );
  const record = {
    topic: topics[spec.msk.topic].name,
    partition: 0,
    offset: String(version - 1),
    timestamp: String(Date.parse(EXAMPLE_TIME)),
    key: Buffer.from(encoded.key),
    value: Buffer.from(encoded.value),
    headers: encoded.headers,
  };
  return toMskEvent([record], {
    clusterArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/kafka-event-sourcing/example',
    bootstrapServers: 'b-1.example.kafka.eu-west-1.amazonaws.com:9098',
  });
}
