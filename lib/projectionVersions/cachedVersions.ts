import type { ProjectionVersions, VersionRegistry } from './projectionVersions';

export interface CachedVersionsOptions {
  readonly registry: VersionRegistry;
  /** The projection's name in the registry (`orderViews`). */
  readonly name: string;
  /** How long one lookup is reused (default 1 s). */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

/**
 * A projection's versions record, read at most once per `maxAgeMs` per execution environment (one
 * eventually consistent GetItem); concurrent callers share a lookup. A lookup that fails keeps the
 * last record known, and fails only when there is none: a registry hiccup must not fail queries
 * or batches that knew the answer a second ago.
 *
 * @example
 * const versions = cachedVersions({ registry, name: 'orderViews' });
 * const record = await versions();
 */
export function cachedVersions(
  options: CachedVersionsOptions,
): () => Promise<ProjectionVersions | undefined> {
  const maxAgeMs = options.maxAgeMs ?? 1_000;
  const now = options.now ?? Date.now;
  let known: { record: ProjectionVersions | undefined; at: number } | undefined;
  let pending: Promise<ProjectionVersions | undefined> | undefined;
  const lookUp = async () => {
    try {
      known = { record: await options.registry.read(options.name), at: now() };
    } catch (error) {
      if (!known) throw error;
      known = { ...known, at: now() };
    } finally {
      pending = undefined;
    }
    return known.record;
  };
  return () => {
    if (known && now() - known.at < maxAgeMs) return Promise.resolve(known.record);
    pending ??= lookUp();
    return pending;
  };
}
