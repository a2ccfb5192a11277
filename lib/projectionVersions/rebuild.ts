import { changeVersions, currentVersions } from './changeVersions';
import { caughtUp, rebuildRate, reachedEnd, type RebuildRate } from './catchUp';
import { totalLag, type GroupPartitionLag } from './consumerLag';
import {
  beginVersion,
  completeVersion,
  cutover,
  nameTable,
  VersionLifecycleError,
  type VersionNaming,
} from './lifecycle';
import { liveVersion, versionOf, type ProjectionVersion, type VersionRegistry } from './projectionVersions';

/** What the rebuild and cutover operations need around the registry. */
export interface VersionOperations {
  readonly registry: VersionRegistry;
  readonly name: string;
  readonly naming: VersionNaming;
  /** The lag of a consumer group on the projection's topic, per partition. */
  readonly lagOf: (group: string) => Promise<GroupPartitionLag[]>;
  readonly now?: () => Date;
}

export interface RebuildOptions extends VersionOperations {
  /** A frozen copy as of this instant (RFC 3339, in the past) instead of a version to cut over to. */
  readonly until?: string;
  /** The end offset of every partition now, by partition number: where a frozen copy is complete. */
  readonly endOffsets?: () => Promise<Record<string, string>>;
  /** Called after every sample: how far, how fast. */
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Between samples (default 1 s). */
  readonly pollMs?: number;
  /** Gives up, leaving the version registered, when nothing moved for this long (default 5 min). */
  readonly stallMs?: number;
}

export interface RebuildProgress extends RebuildRate {
  readonly version: number;
  readonly left: number;
  readonly total: number;
}

/**
 * Registers the next version of a projection (or resumes the one being built) and waits until its
 * mapping — started by the local runtime, or deployed on AWS — has caught up with the live version
 * (a frozen copy: has read the log as it was when the build began), then marks it `ready` (`frozen`).
 * Nothing here reads the topic: the version's own consumer group does, so what this waits for is
 * exactly what the cutover will check.
 *
 * @example
 * const version = await rebuildProjection({ registry, name: 'orderViews', naming, lagOf, onProgress: draw });
 */
export async function rebuildProjection(options: RebuildOptions): Promise<ProjectionVersion> {
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const version = await registerVersion(options);
  const total = totalLag(await options.lagOf(version.group));
  let previous = { at: Date.now(), left: total };
  let moved = previous.at;
  for (;;) {
    const lags = await options.lagOf(version.group);
    const sample = { at: Date.now(), left: totalLag(lags) };
    if (sample.left !== previous.left) moved = sample.at;
    options.onProgress?.({
      version: version.version,
      total,
      ...sample,
      ...rebuildRate({ total, previous, now: sample }),
    });
    if (await complete(options, version, lags)) break;
    if (sample.at - moved > (options.stallMs ?? 300_000)) {
      throw new VersionLifecycleError(
        `${options.name} v${version.version}: no progress for ${Math.round((sample.at - moved) / 1000)} s — is its mapping running (deployed)? Run the rebuild again to resume watching.`,
      );
    }
    previous = sample;
    await sleep(options.pollMs ?? 1_000);
  }
  await changeVersions(options.registry, options.name, options.naming, (current) =>
    completeVersion(current, version.version, now()),
  );
  return version;
}

/**
 * Makes `version` (default: the newest ready one) live once it has caught up with the live version
 * (checked again and again for up to `waitMs`, default 30 s: under load both move, and the check
 * must hold at one moment). A query then never gets an answer older than the one it got before;
 * one that reads the old table for up to a second more still gets a current answer, since the old
 * version stays `retired` and current until it is dropped.
 */
export async function cutoverProjection(
  options: VersionOperations & { readonly version?: number; readonly waitMs?: number },
) {
  const record = await currentVersions(options.registry, options.name, options.naming);
  const target = options.version ?? newestReady(record.versions);
  const candidate = versionOf(record, target);
  const live = liveVersion(record);
  if (!candidate) throw new VersionLifecycleError(`${options.name} has no version ${target}`);
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  // The pure transition checks the states first: a frozen copy is refused before any waiting.
  cutover(record, target, '');
  while (live && !(await caughtUpNow(options, candidate, live))) {
    if (Date.now() > deadline)
      throw new VersionLifecycleError(
        `${options.name} v${target} is behind v${live.version}: try again shortly`,
      );
    await sleep(100);
  }
  const now = (options.now?.() ?? new Date()).toISOString();
  return changeVersions(options.registry, options.name, options.naming, (current) =>
    cutover(current, target, now),
  );
}

/**
 * Registers the next version as `building` (or `freezing` as of `until`) before anything reads for
 * it, or returns the one already registered with the same `until`. On AWS a version's table is
 * named by the deploy that creates it, so a version may be registered first with no table yet
 * (`naming` gives ''), and gets it when registered again after the deploy: its handler writes
 * nothing until it is registered, so a frozen copy never sees an event after its instant.
 */
export async function registerVersion(options: RebuildOptions): Promise<ProjectionVersion> {
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const current = await currentVersions(options.registry, options.name, options.naming);
  const pending = current.versions.find((each) => each.state === 'building' || each.state === 'freezing');
  // Run again while a version is built: watch it instead of failing (the same options only).
  if (pending && (pending.until ?? undefined) === options.until) return named(options, pending);
  if (options.until && Date.parse(options.until) > Date.parse(now())) {
    throw new VersionLifecycleError(
      `--until ${options.until} is in the future: a copy as of it would not be final`,
    );
  }
  const endOffsets = options.until ? await options.endOffsets?.() : undefined;
  let added: ProjectionVersion | undefined;
  await changeVersions(options.registry, options.name, options.naming, (latest) => {
    const { next, version } = beginVersion(latest, {
      naming: options.naming,
      now: now(),
      ...(options.until ? { until: options.until, endOffsets: endOffsets ?? {} } : {}),
    });
    added = version;
    return next;
  });
  return added!;
}

/** A version registered before its table existed gets the table's name once it does. */
async function named(options: RebuildOptions, version: ProjectionVersion): Promise<ProjectionVersion> {
  const { table } = options.naming(version.version);
  if (version.table || !table) return version;
  const record = await changeVersions(options.registry, options.name, options.naming, (current) =>
    nameTable(current, version.version, table),
  );
  return record.versions.find((each) => each.version === version.version)!;
}

async function complete(options: RebuildOptions, version: ProjectionVersion, lags: GroupPartitionLag[]) {
  if (version.state === 'freezing') return reachedEnd(lags, version.endOffsets ?? {});
  const live = liveVersion(await currentVersions(options.registry, options.name, options.naming));
  return live ? caughtUpNow(options, version, live) : caughtUp(lags);
}

/**
 * The live group is measured first, the candidate after: under steady load both move with every
 * batch, and measured the other way round the live group is always a batch or two further on by
 * the time it is read. This way the check says the candidate is now where the live version was a
 * moment ago, which is what a query that got an answer a moment ago needs.
 */
async function caughtUpNow(
  options: VersionOperations,
  candidate: ProjectionVersion,
  live: ProjectionVersion,
) {
  const reference = await options.lagOf(live.group);
  return caughtUp(await options.lagOf(candidate.group), reference);
}

function newestReady(versions: readonly ProjectionVersion[]): number {
  const ready = versions.filter((each) => each.state === 'ready').map((each) => each.version);
  if (ready.length === 0) throw new VersionLifecycleError('no version is ready: rebuild first');
  return Math.max(...ready);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
