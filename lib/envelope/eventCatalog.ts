import type { z } from 'zod';
import type { DomainEvent } from '../domain/decider';

/**
 * An older schema of an event type, still in the log: the data as that version wrote it, and the
 * pure step to the version after it. Decoding chains the steps up to the current version.
 */
export interface OlderSchema {
  readonly schemaVersion: number;
  readonly data: z.ZodType;
  /** Data of this version → data of the next one. Pure and total: it runs on every read, forever. */
  readonly upcast: (data: never) => unknown;
}

/** One event type's contract: its current schema version and the schema of its data. */
export interface EventContract<Data = unknown> {
  readonly schemaVersion: number;
  readonly data: z.ZodType<Data>;
  /** The versions before the current one that the log may hold, each with its upcaster. */
  readonly older?: readonly OlderSchema[];
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

/**
 * Defines a catalog. Throws when an event type's older schemas do not chain to its current one
 * (v1 → v2 → … → current, no gaps, none at or past the current): an old record would be unreadable.
 *
 * @example
 * defineEventCatalog<TallyEvent>('tally', {
 *   TallyOpened: {
 *     schemaVersion: 2,
 *     data: z.strictObject({ name: z.string(), unit: z.string() }),
 *     older: [{ schemaVersion: 1, data: z.strictObject({ name: z.string() }), upcast: (d: { name: string }) => ({ ...d, unit: 'pcs' }) }],
 *   },
 * });
 */
export function defineEventCatalog<Event extends DomainEvent>(
  aggregateType: string,
  contracts: EventCatalog<Event>['contracts'],
): EventCatalog<Event> {
  for (const [type, contract] of Object.entries<EventContract>(contracts)) {
    const versions = (contract.older ?? []).map((older) => older.schemaVersion).sort((a, b) => a - b);
    const lowest = versions[0] ?? contract.schemaVersion;
    const chained = versions.every((version, index) => version === lowest + index);
    if (!chained || (versions.at(-1) !== undefined && versions.at(-1) !== contract.schemaVersion - 1)) {
      throw new Error(
        `${aggregateType}.${type}: older schema versions ${versions.join(', ')} do not chain to v${contract.schemaVersion}`,
      );
    }
  }
  return { aggregateType, contracts };
}

/**
 * The steps from a record's schema version to the contract's current one: the older schema to read
 * it with and the upcasters to apply, in order. Undefined when the version is unknown (newer than
 * the current one, or older than the oldest kept).
 */
export function upcastPath(
  contract: EventContract,
  schemaVersion: number,
): { readonly read: z.ZodType; readonly steps: readonly OlderSchema[] } | undefined {
  if (schemaVersion === contract.schemaVersion) return { read: contract.data, steps: [] };
  const older = [...(contract.older ?? [])].sort((a, b) => a.schemaVersion - b.schemaVersion);
  const start = older.findIndex((schema) => schema.schemaVersion === schemaVersion);
  if (start < 0) return undefined;
  return { read: older[start]!.data, steps: older.slice(start) };
}

/** The CloudEvents `dataschema` of a version of an event type: one URI per version. */
export function dataSchemaOf(aggregateType: string, type: string, schemaVersion: number): string {
  return `urn:kes:schema:${cloudEventType(aggregateType, type, schemaVersion)}`;
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
