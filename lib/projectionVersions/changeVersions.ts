import { initialVersions, type VersionNaming } from './lifecycle';
import type { ProjectionVersions, VersionRegistry } from './projectionVersions';

/**
 * Reads a projection's record (version 1 live when there is none), applies `change` and writes it
 * on the revision it read; when another writer got in between, reads again and re-applies. The
 * change is pure, so applying it again to the newer record is always right (or throws, saying why).
 *
 * @example
 * const next = await changeVersions(registry, 'orderViews', naming, (current) => cutover(current, 2, now));
 */
export async function changeVersions(
  registry: VersionRegistry,
  name: string,
  naming: VersionNaming,
  change: (current: ProjectionVersions) => ProjectionVersions,
): Promise<ProjectionVersions> {
  for (let attempt = 1; ; attempt++) {
    const current = await currentVersions(registry, name, naming);
    const next = change(current);
    if (await registry.write(next, current.revision)) return next;
    if (attempt >= 10) throw new Error(`${name}: the versions record keeps changing; try again`);
  }
}

/** The stored record, or the implicit one (version 1 live) when nothing was recorded yet. */
export async function currentVersions(
  registry: VersionRegistry,
  name: string,
  naming: VersionNaming,
): Promise<ProjectionVersions> {
  return (
    (await registry.read(name, { consistent: true })) ??
    initialVersions(name, naming, new Date().toISOString())
  );
}
