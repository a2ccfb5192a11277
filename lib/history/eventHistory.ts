import type { DomainEvent } from '../domain/decider';
import { decodeRecord } from '../envelope/decodeRecord';
import type { EventCatalog } from '../envelope/eventCatalog';
import type { EventEnvelope } from '../envelope/eventEnvelope';
import { AppError, ErrorKind } from '../errors/appError';
import type { EventIndex, EventLocation, StreamId } from './eventIndex';
import { positionOf, type LogReader } from './logReader';

export interface EventHistoryOptions<Event extends DomainEvent> {
  readonly index: EventIndex;
  readonly reader: LogReader;
  /** The aggregate type's catalog: records are decoded against it, as every consumer does. */
  readonly catalog: EventCatalog<Event>;
}

export interface HistoryPage<Event extends DomainEvent> {
  /** Consecutive versions from the one asked for, ascending, each once. */
  readonly envelopes: EventEnvelope<Event>[];
  /** The next version to ask for, when the index holds more. */
  readonly next?: number;
}

/** An aggregate's events read back from the log. */
export interface EventHistory<Event extends DomainEvent> {
  /** Up to `limit` events from `fromVersion` on; 503 when a version in between is not readable yet. */
  page(aggregateId: string, options?: { fromVersion?: number; limit?: number }): Promise<HistoryPage<Event>>;
  /** Every version from `fromVersion` to `toVersion`; throws {@link HistoryIncompleteError} if one is missing. */
  range(aggregateId: string, fromVersion: number, toVersion: number): Promise<EventEnvelope<Event>[]>;
  /** The highest version the index knows. */
  latest(aggregateId: string): Promise<EventLocation | undefined>;
  /** The highest version whose event time is at or before `at`. */
  versionAt(aggregateId: string, at: string): Promise<EventLocation | undefined>;
}

/**
 * A version of an aggregate that cannot be read back yet: the index has not recorded it (the index
 * projection is behind, or its batch is on its way back from the failure topic), or its record did
 * not decode. Transient for the first cause: callers retry later.
 */
export class HistoryIncompleteError extends AppError {
  constructor(
    readonly aggregateId: string,
    readonly missing: number,
    /** What was found instead, for operators (not in HTTP answers: it names log positions). */
    readonly reason = 'not indexed yet',
  ) {
    super(
      ErrorKind.Unavailable,
      `version ${missing} of ${aggregateId} cannot be read back from the log yet`,
      {
        retryAfterSeconds: 1,
        details: { aggregateId, missing },
      },
    );
    this.name = 'HistoryIncompleteError';
  }
}

const MAX_RANGE_PAGE = 1000;

/**
 * Reads aggregates back from the log: where their events are from the index, the events from
 * Kafka, decoded with the catalog. Every copy of a version holds the same event (only decided
 * events are produced), so duplicates collapse by version; a record whose subject or version is not
 * what the index says is ignored, as if unindexed.
 *
 * @example
 * const history = createEventHistory({ index, reader, catalog: orderCatalog });
 * const { envelopes, next } = await history.page('ord-1', { fromVersion: 1, limit: 100 });
 */
export function createEventHistory<Event extends DomainEvent>(
  options: EventHistoryOptions<Event>,
): EventHistory<Event> {
  const stream = (aggregateId: string): StreamId => ({
    aggregateType: options.catalog.aggregateType,
    aggregateId,
  });
  const load = async (aggregateId: string, fromVersion: number, limit: number) => {
    const locations = await options.index.locate(stream(aggregateId), fromVersion, limit);
    const records = await options.reader.read(locations);
    const envelopes: EventEnvelope<Event>[] = [];
    // Why a located version could not be used: what an operator needs when it stays missing.
    const problems = new Map<number, string>();
    for (const location of locations) {
      const position = positionOf(location);
      const record = records.get(position);
      const decoded = record ? decodeRecord(record, options.catalog) : undefined;
      if (!decoded?.ok) {
        problems.set(
          location.version,
          decoded ? `the record at ${position} is poison: ${decoded.detail}` : `no record at ${position}`,
        );
        continue;
      }
      const { envelope } = decoded;
      if (envelope.aggregateId === aggregateId && envelope.aggregateVersion === location.version)
        envelopes.push(envelope);
      else
        problems.set(
          location.version,
          `the record at ${position} is ${envelope.aggregateId} version ${envelope.aggregateVersion}`,
        );
    }
    const why = (version: number) => problems.get(version) ?? 'not indexed yet';
    return { located: locations.length, envelopes: consecutive(envelopes, fromVersion), why };
  };
  return {
    async page(aggregateId, { fromVersion = 1, limit = 100 } = {}) {
      const { located, envelopes, why } = await load(aggregateId, fromVersion, limit + 1);
      if (located > 0 && envelopes.length === 0)
        throw new HistoryIncompleteError(aggregateId, fromVersion, why(fromVersion));
      const page = envelopes.slice(0, limit);
      const last = page.at(-1)?.aggregateVersion;
      const more = last !== undefined && (envelopes.length > limit || located > envelopes.length);
      return { envelopes: page, ...(more ? { next: last + 1 } : {}) };
    },
    async range(aggregateId, fromVersion, toVersion) {
      const all: EventEnvelope<Event>[] = [];
      for (let from = fromVersion; from <= toVersion;) {
        const count = Math.min(MAX_RANGE_PAGE, toVersion - from + 1);
        const { envelopes, why } = await load(aggregateId, from, count);
        const missing = from + envelopes.length;
        if (envelopes.length < count) throw new HistoryIncompleteError(aggregateId, missing, why(missing));
        all.push(...envelopes);
        from += count;
      }
      return all;
    },
    latest: (aggregateId) => options.index.latest(stream(aggregateId)),
    versionAt: (aggregateId, at) => options.index.versionAt(stream(aggregateId), at),
  };
}

/** The run of consecutive versions starting at `fromVersion` (the first copy of each). */
function consecutive<Event extends DomainEvent>(
  envelopes: readonly EventEnvelope<Event>[],
  fromVersion: number,
) {
  const byVersion = new Map<number, EventEnvelope<Event>>();
  for (const envelope of envelopes)
    if (!byVersion.has(envelope.aggregateVersion)) byVersion.set(envelope.aggregateVersion, envelope);
  const run: EventEnvelope<Event>[] = [];
  for (let version = fromVersion; byVersion.has(version); version += 1) run.push(byVersion.get(version)!);
  return run;
}
