import { createBatchCommandHandler, createCommandHandler } from '../../lib/commands/commandHandler';
import type { CommandHandlerOptions } from '../../lib/commands/commandTypes';
import type { DomainEvent } from '../../lib/domain/decider';
import { DynamoEntityStore } from '../../lib/entities/dynamoEntityStore';
import { DynamoHeadStore } from '../../lib/heads/dynamoHeadStore';
import { getConfig } from './config';
import { getDynamo } from './dynamo';
import { getEventLog } from './eventLog';
import { perEnvironment } from './platform';

export interface CommandServiceOptions<Command, Event extends DomainEvent, State> extends Pick<
  CommandHandlerOptions<Command, Event, State>,
  'decider' | 'catalog' | 'source'
> {
  /** The variable naming the service's topic. */
  readonly topic: 'ORDER_TOPIC' | 'INVENTORY_TOPIC' | 'PAYMENT_TOPIC';
  /** The variable naming its heads table. */
  readonly headsTable: 'ORDER_HEADS_TABLE' | 'INVENTORY_HEADS_TABLE' | 'ACCOUNT_HEADS_TABLE';
  /** The variable naming its entities table, for a decider that keeps entities. */
  readonly entitiesTable?: 'INVENTORY_ENTITIES_TABLE' | 'ACCOUNT_ENTITIES_TABLE';
}

/**
 * A getter of a service's head store, entity store and command handlers (one command; a reactor's
 * batch), wired on first use to the shared DynamoDB client and Kafka event log. Commands, reactors and the recovery function need it; queries and
 * projections do not, and so carry neither kafkajs nor the service's decider.
 */
export function commandService<Command, Event extends DomainEvent, State>(
  options: CommandServiceOptions<Command, Event, State>,
) {
  return perEnvironment(() => {
    const config = getConfig();
    const heads = new DynamoHeadStore<State>(
      getDynamo(),
      config[options.headsTable],
      config.HEADS_PENDING_SHARDS,
    );
    const entities = options.entitiesTable
      ? new DynamoEntityStore(getDynamo(), config[options.entitiesTable])
      : undefined;
    const { decider, catalog, source } = options;
    const topic = config[options.topic];
    const handler = {
      decider,
      catalog,
      source,
      topic,
      heads,
      eventLog: getEventLog(),
      ...(entities ? { entities } : {}),
    };
    return {
      heads,
      entities,
      handle: createCommandHandler(handler),
      handleBatch: createBatchCommandHandler(handler),
    };
  });
}
