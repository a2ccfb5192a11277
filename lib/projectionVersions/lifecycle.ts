import type { ProjectionVersion, ProjectionVersions, VersionState } from './projectionVersions';
import { liveVersion, versionOf } from './projectionVersions';

/** A transition the versions' states do not allow; the message is for the operator. */
export class VersionLifecycleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VersionLifecycleError';
  }
}

/** The table and consumer group of version n (the topology names them). */
export type VersionNaming = (version: number) => { table: string; group: string };

/** Before anything was recorded, version 1 is live: the table and group deployed from the start. */
export function initialVersions(name: string, naming: VersionNaming, now: string): ProjectionVersions {
  const first: ProjectionVersion = {
    version: 1,
    state: 'live',
    ...naming(1),
    createdAt: now,
    liveSince: now,
  };
  return { name, versions: [first], highestVersion: 1, revision: 0 };
}

/**
 * Adds the next version (one above every version ever recorded in this record, so a dropped
 * version's table and group are never reused): `building`, or `freezing` as of `until`.
 */
export function beginVersion(
  current: ProjectionVersions,
  options: { naming: VersionNaming; now: string; until?: string; endOffsets?: Record<string, string> },
): { next: ProjectionVersions; version: ProjectionVersion } {
  const building = current.versions.find((each) => each.state === 'building' || each.state === 'freezing');
  if (building) {
    throw new VersionLifecycleError(
      `${current.name} v${building.version} is still ${building.state}: wait for it, or drop it first`,
    );
  }
  const number = current.highestVersion + 1;
  const version: ProjectionVersion = {
    version: number,
    state: options.until ? 'freezing' : 'building',
    ...options.naming(number),
    createdAt: options.now,
    ...(options.until ? { until: options.until, endOffsets: options.endOffsets ?? {} } : {}),
  };
  return { next: bump(current, [...current.versions, version]), version };
}

/** A building version that has caught up becomes `ready`; a freezing one becomes `frozen`. */
export function completeVersion(
  current: ProjectionVersions,
  number: number,
  now: string,
): ProjectionVersions {
  const version = requireState(current, number, ['building', 'freezing']);
  const state: VersionState = version.state === 'building' ? 'ready' : 'frozen';
  return replace(current, { ...version, state, readyAt: now });
}

/** A version registered before its table existed (AWS: the deploy names it) gets its name. */
export function nameTable(current: ProjectionVersions, number: number, table: string): ProjectionVersions {
  const version = requireState(current, number, ['building', 'freezing']);
  return replace(current, { ...version, table });
}

/** `number` becomes live; the live one becomes `retired` (kept current until dropped). */
export function cutover(current: ProjectionVersions, number: number, now: string): ProjectionVersions {
  const target = requireState(current, number, ['ready', 'retired']);
  const live = liveVersion(current);
  const versions = current.versions.map((each) => {
    if (each.version === number) return { ...target, state: 'live' as const, liveSince: now };
    if (each.version === live?.version) return { ...each, state: 'retired' as const };
    return each;
  });
  return bump(current, versions);
}

/** Forgets a version (its table and mapping go with it). The live version cannot be dropped. */
export function dropVersion(current: ProjectionVersions, number: number): ProjectionVersions {
  const version = versionOf(current, number);
  if (!version) throw new VersionLifecycleError(`${current.name} has no version ${number}`);
  if (version.state === 'live') {
    throw new VersionLifecycleError(`${current.name} v${number} is live: cut over to another version first`);
  }
  return bump(
    current,
    current.versions.filter((each) => each.version !== number),
  );
}

function requireState(current: ProjectionVersions, number: number, states: readonly VersionState[]) {
  const version = versionOf(current, number);
  if (!version) throw new VersionLifecycleError(`${current.name} has no version ${number}`);
  if (!states.includes(version.state)) {
    throw new VersionLifecycleError(
      `${current.name} v${number} is ${version.state}, not ${states.join(' or ')}`,
    );
  }
  return version;
}

function replace(current: ProjectionVersions, version: ProjectionVersion): ProjectionVersions {
  return bump(
    current,
    current.versions.map((each) => (each.version === version.version ? version : each)),
  );
}

function bump(current: ProjectionVersions, versions: readonly ProjectionVersion[]): ProjectionVersions {
  const highestVersion = Math.max(current.highestVersion, ...versions.map((each) => each.version));
  return { ...current, versions, highestVersion, revision: current.revision + 1 };
}
