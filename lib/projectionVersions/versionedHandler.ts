import type { Context, MSKEvent, MSKRecord } from 'aws-lambda';
import { fromMskRecord } from '../kafka/mskRecord';
import { versionOf, type ProjectionVersion, type ProjectionVersions } from './projectionVersions';

type Handler<Result> = (event: MSKEvent, context: Context) => Promise<Result>;

export interface VersionedHandlerOptions<Result> {
  /** This handler's version number. */
  readonly version: number;
  /** The projection's versions record (cached: {@link cachedVersions}). */
  readonly versions: () => Promise<ProjectionVersions | undefined>;
  /** The projection writing with per-item conditions: every state but building. */
  readonly conditional: Handler<Result>;
  /** The same projection writing unconditionally in bulk: only while this version is built. */
  readonly bulk: Handler<Result>;
  /** Whether an event replays earlier batches (on-failure topic, parked letters): never bulk. */
  readonly isRedrive: (event: MSKEvent) => boolean;
}

/**
 * One version of a projection, writing as its state allows (docs/PROTOCOL.md, "Projection
 * versions"). While `building` or `freezing` its main mapping is the table's only writer, so it
 * writes in bulk; a redrive is a second writer and always writes conditionally, as do `ready`,
 * `live` and `retired` versions (and version 1 before anything is recorded). A copy as of `until`
 * skips every record whose event time is later. A later version the registry does not know yet
 * writes nothing (its batch fails and is retried); a dropped one skips everything.
 *
 * @example
 * export const handler = versionedHandler({ version: 2, versions, conditional, bulk, isRedrive });
 */
export function versionedHandler<Result>(options: VersionedHandlerOptions<Result>): Handler<Result> {
  return async (event, context) => {
    const record = await options.versions();
    const version = record && versionOf(record, options.version);
    if (!version && options.version > 1) {
      // Dropped: nothing to keep current until the deploy without it removes the mapping.
      if (record && options.version <= record.highestVersion)
        return options.conditional({ ...event, records: {} }, context);
      // Deployed before it was registered: writing now could put an event after a frozen copy's
      // instant into it. Fail, to be retried once `kes projections rebuild` has registered it.
      throw new Error(`version ${options.version} is not registered yet: run kes projections rebuild`);
    }
    const scoped = version?.until ? asOf(event, version.until) : event;
    return writesInBulk(version, options.isRedrive(event))
      ? options.bulk(scoped, context)
      : options.conditional(scoped, context);
  };
}

function writesInBulk(version: ProjectionVersion | undefined, redrive: boolean): boolean {
  return !redrive && (version?.state === 'building' || version?.state === 'freezing');
}

/**
 * The event without the records whose event time (`ce_time`, else the record's timestamp) is after
 * `until`. Within an aggregate event times do not go back (a command's time comes after the
 * version it was decided on), so this keeps each aggregate's events up to `until` and no later one.
 */
export function asOf(event: MSKEvent, until: string): MSKEvent {
  const limit = Date.parse(until);
  const records: Record<string, MSKRecord[]> = {};
  for (const [key, list] of Object.entries(event.records ?? {})) {
    records[key] = list.filter((record) => eventTime(record) <= limit);
  }
  return { ...event, records };
}

function eventTime(record: MSKRecord): number {
  const raw = fromMskRecord(record);
  const time = raw.headers.ce_time?.toString('utf8');
  const parsed = time ? Date.parse(time) : Number.NaN;
  return Number.isNaN(parsed) ? Number(raw.timestamp) : parsed;
}
