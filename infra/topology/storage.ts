import { ORDER_VIEW_INDEXES } from '../../functions/order/projection/orderView';
import type { TableDefinition } from '../../lib/dynamodb/tableDefinition';
import { entityTableDefinition } from '../../lib/entities/dynamoEntityStore';
import { headTableDefinition } from '../../lib/heads/dynamoHeadStore';
import { eventIndexTableDefinition } from '../../lib/history/dynamoEventIndex';
import { idempotencyTableDefinition } from '../../lib/idempotency/dynamoIdempotencyStore';
import { versionRegistryTableDefinition } from '../../lib/projectionVersions/dynamoVersionRegistry';
import { snapshotTableDefinition } from '../../lib/snapshots/snapshotTable';

// The topics and tables of the system. Part of infra/topology (index.ts says what it is for).

export interface TopicSpec {
  readonly name: string;
  /** The variable that carries the name to producers; unset for topics only AWS writes to. */
  readonly envVar?: string;
  readonly partitions: number;
  /** Topic-level configuration; replication is chosen per environment ({@link REPLICATION_FACTOR}). */
  readonly config: Readonly<Record<string, string>>;
}

// The event topics are the event log: projections are rebuilt by replaying them, so nothing expires.
const eventLog = { 'cleanup.policy': 'delete', 'retention.ms': '-1' } as const;
const thirtyDays = { 'cleanup.policy': 'delete', 'retention.ms': String(30 * 24 * 3600 * 1000) } as const;

export const topics = {
  orders: { name: 'orders', envVar: 'ORDER_TOPIC', partitions: 6, config: eventLog },
  inventory: { name: 'inventory', envVar: 'INVENTORY_TOPIC', partitions: 6, config: eventLog },
  payments: { name: 'payments', envVar: 'PAYMENT_TOPIC', partitions: 6, config: eventLog },
  deadLetters: { name: 'dead-letters', envVar: 'DEAD_LETTER_TOPIC', partitions: 3, config: thirtyDays },
  /**
   * The event source mappings' on-failure destination (`kafka://lambda-failures`). Each consumer
   * reads it back through a second mapping and runs its own failed batches again (redrive).
   */
  lambdaFailures: { name: 'lambda-failures', envVar: 'FAILURE_TOPIC', partitions: 3, config: thirtyDays },
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof topics;

/** Replicas per partition: the three MSK brokers, or the single local broker. */
export const REPLICATION_FACTOR = { msk: 3, local: 1 } as const;

export interface TableSpec {
  readonly envVar: string;
  readonly definition: TableDefinition;
  /** Views and the index are rebuilt from the topics; the other kinds cannot be recomputed. */
  readonly kind: 'heads' | 'entities' | 'views' | 'index' | 'idempotency' | 'checkpoints' | 'control';
  /** Epoch-seconds attribute after which DynamoDB may delete the item. */
  readonly ttlAttribute?: string;
}

export const tables = {
  orderHeads: { envVar: 'ORDER_HEADS_TABLE', definition: headTableDefinition, kind: 'heads' },
  orderViews: {
    envVar: 'ORDER_VIEWS_TABLE',
    // The projection owns its indexes (GSI `by-customer` for GET /orders?customerId=…).
    definition: snapshotTableDefinition(ORDER_VIEW_INDEXES),
    kind: 'views',
  },
  inventoryHeads: { envVar: 'INVENTORY_HEADS_TABLE', definition: headTableDefinition, kind: 'heads' },
  /** One item per reservation (sku × order), outside the sku's head: docs/PROTOCOL.md, "Entities". */
  inventoryEntities: {
    envVar: 'INVENTORY_ENTITIES_TABLE',
    definition: entityTableDefinition,
    kind: 'entities',
  },
  inventoryViews: { envVar: 'INVENTORY_VIEWS_TABLE', definition: snapshotTableDefinition(), kind: 'views' },
  accountHeads: { envVar: 'ACCOUNT_HEADS_TABLE', definition: headTableDefinition, kind: 'heads' },
  /** One item per charge (account × order). */
  accountEntities: { envVar: 'ACCOUNT_ENTITIES_TABLE', definition: entityTableDefinition, kind: 'entities' },
  accountViews: { envVar: 'ACCOUNT_VIEWS_TABLE', definition: snapshotTableDefinition(), kind: 'views' },
  idempotency: {
    envVar: 'IDEMPOTENCY_TABLE',
    definition: idempotencyTableDefinition,
    kind: 'idempotency',
    ttlAttribute: 'expiresAt',
  },
  checkpoints: { envVar: 'CHECKPOINTS_TABLE', definition: snapshotTableDefinition(), kind: 'checkpoints' },
  /** Where every event of every aggregate sits in the log: docs/PROTOCOL.md, "Reading the log back". */
  eventIndex: { envVar: 'EVENT_INDEX_TABLE', definition: eventIndexTableDefinition, kind: 'index' },
  /**
   * Which version of each projection is live and which are being built (docs/PROTOCOL.md,
   * "Projection versions"): queries read the live version's table from it.
   */
  projectionVersions: {
    envVar: 'PROJECTION_VERSIONS_TABLE',
    definition: versionRegistryTableDefinition,
    kind: 'control',
  },
} as const satisfies Record<string, TableSpec>;

export type TableKey = keyof typeof tables;
