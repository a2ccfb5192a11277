import type { z } from 'zod';
import type { DomainEvent } from '../domain/decider';

/** One event type's contract: its current schema version and the schema of its data. */
export interface EventContract<Data = unknown> {
  readonly schemaVersion: number;
  readonly data: z.ZodType<Data>;
}

/**
 * The events an aggregate type publishes: the contract other services read. Decoding checks every
 * record against it, so a consumer never folds data it does not understand.
 *
 * @example
 * const orderEvents = defineEventCatalog('order', {
 *   OrderPlaced: { schemaVersion: 1, data: z.strictObject({ customerId: z.string() }) },
 * });
 */
export interface EventCatalog<Event extends DomainEvent = DomainEvent> {
  readonly aggregateType: string;
  readonly contracts: {
    readonly [Type in Event['type']]: EventContract<Extract<Event, { type: Type }>['data']>;
  };
}

export function defineEventCatalog<Event extends DomainEvent>(
  aggregateType: string,
  contracts: EventCatalog<Event>['contracts'],
): EventCatalog<Event> {
  return { aggregateType, contracts };
}

/** Looks up a contract by type name; undefined for types the catalog does not know. */
export function contractOf(catalog: EventCatalog, type: string): EventContract | undefined {
  return Object.hasOwn(catalog.contracts, type)
    ? (catalog.contracts as Record<string, EventContract>)[type]
    : undefined;
}

/** ce_type of an event: `<aggregateType>.<EventType>.v<schemaVersion>`, e.g. `order.OrderPlaced.v1`. */
export function cloudEventType(aggregateType: string, type: string, schemaVersion: number): string {
  return `${aggregateType}.${type}.v${schemaVersion}`;
}

/** The inverse of {@link cloudEventType}; undefined when the string is not of that form. */
export function parseCloudEventType(
  ceType: string,
): { aggregateType: string; type: string; schemaVersion: number } | undefined {
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\.v([1-9][0-9]{0,5})$/.exec(ceType);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { aggregateType: match[1], type: match[2], schemaVersion: Number(match[3]) };
}
