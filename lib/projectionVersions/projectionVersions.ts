/**
 * Where a version of a projection is in its life:
 * - `building`: a new table filled from offset 0 by its own consumer group; bulk writes (it is the
 *   table's only writer); not served.
 * - `ready`: caught up with the live version and kept current by conditional writes; may be cut over.
 * - `live`: the version queries read. Exactly one.
 * - `retired`: was live; still kept current, so a cutover back is instant, until it is dropped.
 * - `freezing`: a copy as of `until`, being built (events after `until` are skipped).
 * - `frozen`: that copy, complete; never cut over, never written again.
 */
export type VersionState = 'building' | 'ready' | 'live' | 'retired' | 'freezing' | 'frozen';

/** One version of a projection: its own table and its own consumer group. */
export interface ProjectionVersion {
  readonly version: number;
  readonly state: VersionState;
  readonly table: string;
  /** The consumer group of its mapping: a new group is what makes a version start from offset 0. */
  readonly group: string;
  /** ISO 8601 times of its transitions. */
  readonly createdAt: string;
  readonly readyAt?: string;
  readonly liveSince?: string;
  /** Frozen copies only: the instant (RFC 3339) the copy is as of. */
  readonly until?: string;
  /** Frozen copies only: the end offset of each partition when the build began (all it needs). */
  readonly endOffsets?: Readonly<Record<string, string>>;
}

/** The versions of one projection, as one record (one conditional write moves it). */
export interface ProjectionVersions {
  readonly name: string;
  readonly versions: readonly ProjectionVersion[];
  /**
   * The highest version number ever given. Dropped versions leave `versions`, but a new version
   * never reuses their number: its consumer group would resume from the dropped one's offsets.
   */
  readonly highestVersion: number;
  /** Bumped by every write: the condition of the next one. */
  readonly revision: number;
}

/**
 * The port holding every projection's versions: which one is live, which are being built. Queries
 * read it to find the live table; projection handlers read it to know how to write; the operating
 * tools change it. Adapters: {@link DynamoVersionRegistry}, {@link InMemoryVersionRegistry}.
 *
 * @example
 * const current = await registry.read('orderViews');
 * const ok = await registry.write(next, current?.revision ?? 0);
 */
export interface VersionRegistry {
  read(name: string, options?: { consistent?: boolean }): Promise<ProjectionVersions | undefined>;
  /** Every projection that has a record. */
  list(): Promise<ProjectionVersions[]>;
  /**
   * Stores `next` if the stored record is at `expectedRevision` (0: none may exist); `next.revision`
   * must be `expectedRevision + 1`. Resolves false when that condition failed.
   */
  write(next: ProjectionVersions, expectedRevision: number): Promise<boolean>;
}

/** The live version of a record. */
export function liveVersion(record: ProjectionVersions): ProjectionVersion | undefined {
  return record.versions.find((each) => each.state === 'live');
}

/** A version of a record, by number. */
export function versionOf(record: ProjectionVersions, version: number): ProjectionVersion | undefined {
  return record.versions.find((each) => each.version === version);
}
