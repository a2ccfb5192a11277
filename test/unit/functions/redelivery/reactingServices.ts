import type { MSKRecord } from 'aws-lambda';
import { inventoryDecider } from '../../../../functions/inventory/domain/inventoryDecider';
import { inventoryCatalog } from '../../../../functions/inventory/domain/inventoryEvents';
import { inventoryOnOrder } from '../../../../functions/inventory/reactors/inventoryOnOrder';
import type { OrderEvent } from '../../../../functions/order/domain/orderEvents';
import { paymentDecider } from '../../../../functions/payment/domain/paymentDecider';
import { paymentCatalog } from '../../../../functions/payment/domain/paymentEvents';
import { paymentOnOrder } from '../../../../functions/payment/reactors/paymentOnOrder';
import { createBatchCommandHandler, createCommandHandler } from '../../../../lib/commands/commandHandler';
import { InMemoryDeadLetterSink } from '../../../../lib/deadLetter/inMemoryDeadLetterSink';
import type { Decider, DomainEvent } from '../../../../lib/domain/decider';
import type { EventCatalog } from '../../../../lib/envelope/eventCatalog';
import { InMemoryEntityStore } from '../../../../lib/entities/inMemoryEntityStore';
import { InMemoryEventLog } from '../../../../lib/eventLog/inMemoryEventLog';
import { InMemoryHeadStore } from '../../../../lib/heads/inMemoryHeadStore';
import type { Reactor } from '../../../../lib/reactors/reactor';
import { createReactorHandler, type ReactorCheckpoint } from '../../../../lib/reactors/reactorHandler';
import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';
import { mskEvent } from '../../../support/mskEvents';

/**
 * A service as production wires it — the real batch command handler and the real reactor handler
 * on the order topic — on in-memory stores, remembering only `remembered` command ids so that any
 * redelivery past a few commands is beyond the window and only the entities can recognise it.
 */
export class ReactingService<Command, Event extends DomainEvent, State> {
  readonly heads = new InMemoryHeadStore<State>();
  readonly entities = new InMemoryEntityStore();
  readonly log = new InMemoryEventLog();
  readonly checkpoints = new InMemorySnapshotStore<ReactorCheckpoint>();
  readonly handle;
  private readonly handleBatch;

  constructor(
    private readonly reactor: Reactor<OrderEvent, Command>,
    decider: Decider<Command, Event, State>,
    catalog: EventCatalog<Event>,
    remembered: number,
  ) {
    const options = {
      decider,
      catalog,
      source: `urn:service:${catalog.aggregateType}`,
      topic: catalog.aggregateType,
      heads: this.heads,
      entities: this.entities,
      eventLog: this.log,
      rememberedCommands: remembered,
      sleep: () => Promise.resolve(),
    };
    this.handle = createCommandHandler(options);
    this.handleBatch = createBatchCommandHandler(options);
  }

  /** Delivers order records to the reactor: with its checkpoints, or (a replay) with empty ones. */
  deliver(records: readonly MSKRecord[], options: { groupSize: number; freshCheckpoints?: boolean }) {
    const handler = createReactorHandler({
      reactor: this.reactor,
      dispatch: this.handleBatch,
      checkpoints: options.freshCheckpoints
        ? new InMemorySnapshotStore<ReactorCheckpoint>()
        : this.checkpoints,
      deadLetters: new InMemoryDeadLetterSink(),
      log: () => undefined,
      maxGroupSize: options.groupSize,
    });
    return handler(mskEvent(records));
  }

  /** Every distinct event the service published (republished copies collapse by ce_id). */
  events(): { aggregateId: string; type: string; data: Record<string, unknown> }[] {
    const seen = new Map<string, { aggregateId: string; type: string; data: Record<string, unknown> }>();
    for (const record of this.log.records) {
      const type = record.headers.ce_type!.split('.')[1]!;
      seen.set(record.headers.ce_id!, {
        aggregateId: record.key,
        type,
        data: JSON.parse(record.value) as Record<string, unknown>,
      });
    }
    return [...seen.values()];
  }
}

export const inventoryService = (remembered: number) =>
  new ReactingService(inventoryOnOrder, inventoryDecider, inventoryCatalog, remembered);

export const paymentService = (remembered: number) =>
  new ReactingService(paymentOnOrder, paymentDecider, paymentCatalog, remembered);
