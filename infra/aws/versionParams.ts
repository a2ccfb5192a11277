import { projections, type ProjectionName } from '../topology';

/**
 * The versions of each projection the stack deploys, ascending, from the osls params
 * `orderViewsVersions`, `inventoryViewsVersions` and `accountViewsVersions` (infra/aws/README.md,
 * "Rebuilding a read model"). Which version queries read is not here: that is the versions record,
 * changed by `kes projections cutover` without a deployment.
 */
export type DeployedVersions = Readonly<Record<ProjectionName, readonly number[]>>;

export const projectionNames = Object.keys(projections) as ProjectionName[];

/** Version 1 of every projection, as `params.default` in serverless.yml says. */
export const DEFAULT_VERSIONS: DeployedVersions = Object.fromEntries(
  projectionNames.map((name) => [name, [1]]),
) as Record<ProjectionName, number[]>;

/** `orderViews` → `orderViewsVersions`, the osls param listing its deployed versions. */
export const versionsParam = (name: ProjectionName) => `${name}Versions`;

/**
 * A param's comma-separated versions, ascending. Anything else fails the package with the param's
 * name: a typo here would otherwise delete a version's function and mapping, or its table.
 *
 * @example
 * parseVersions('orderViewsVersions', '1, 2'); // [1, 2]
 */
export function parseVersions(param: string, value: unknown): number[] {
  const text = typeof value === 'number' ? String(value) : value;
  const fail = (why: string): never => {
    throw new Error(`param ${param} must list deployed versions, e.g. --param="${param}=1,2": ${why}`);
  };
  if (typeof text !== 'string' || text.trim() === '') return fail('it is empty');
  const parts = text.split(',').map((part) => part.trim());
  const bad = parts.filter((part) => !/^[1-9][0-9]*$/.test(part));
  if (bad.length > 0) fail(`not an integer ≥ 1: ${bad.map((part) => JSON.stringify(part)).join(', ')}`);
  const versions = parts.map(Number);
  const repeated = versions.filter((version, at) => versions.indexOf(version) !== at);
  if (repeated.length > 0) fail(`listed twice: ${[...new Set(repeated)].join(', ')}`);
  return versions.sort((a, b) => a - b);
}

/** What osls hands a `${file(…)}` function: `resolveVariable('param:…')`. */
export type ResolveVariable = (variable: string) => Promise<unknown>;

/** Every projection's deployed versions, from the osls params. */
export async function deployedVersionsFrom(resolveVariable: ResolveVariable): Promise<DeployedVersions> {
  const entries = await Promise.all(
    projectionNames.map(async (name) => {
      const param = versionsParam(name);
      return [name, parseVersions(param, await resolveVariable(`param:${param}`))] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ProjectionName, number[]>;
}
