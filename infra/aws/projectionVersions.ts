import {
  functions,
  projectionOf,
  projections,
  projectionVersion,
  tables,
  versionTableVariable,
  type FunctionSpec,
  type ProjectionName,
} from '../topology';
import { ref, type CfnValue, type Resources } from './cfn';
import type { TableIds } from './iam';
import { tableLogicalId, tableResource } from './tables';
import { projectionNames, type DeployedVersions } from './versionParams';

// Version n ≥ 2 of a projection on AWS: a table, a function (its own consumer group from
// TRIM_HORIZON, its own redrive group) and a role, all beside version 1's; docs/PROTOCOL.md,
// "Projection versions", and infra/aws/README.md, "Rebuilding a read model".

/** The variable functions/platform/config.ts reads: which version a projection function runs. */
export const PROJECTION_VERSION_ENV = 'PROJECTION_VERSION';

/** A function the stack deploys; a projection's also says which version of it it runs. */
export interface DeployedFunction {
  readonly spec: FunctionSpec;
  readonly projection?: { readonly name: ProjectionName; readonly version: number };
}

/** `OrderViewsTable` for version 1 (the topology's table), `OrderViewsV2Table` for version 2. */
export function versionTableLogicalId(name: ProjectionName, version: number): string {
  const base = tableLogicalId(name);
  return version === 1 ? base : `${base.slice(0, -'Table'.length)}V${version}Table`;
}

/** Versions ≥ 2: version 1's table is the topology's and stays in the stack (see below). */
const laterVersions = (versions: DeployedVersions, name: ProjectionName) =>
  versions[name].filter((version) => version >= 2);

/**
 * The topology's functions with each projection's version-1 function replaced by its deployed
 * versions, in their place: `projectOrders` and `projectOrdersV2`, or only `projectOrdersV2`.
 */
export function deployedFunctions(versions: DeployedVersions): DeployedFunction[] {
  const versionOne = new Map<string, ProjectionName>(
    projectionNames.map((name) => [projections[name].functionName, name]),
  );
  return functions.flatMap((spec): DeployedFunction[] => {
    const name = versionOne.get(spec.name);
    if (!name) return [{ spec }];
    return versions[name].map((version) => ({
      spec: version === 1 ? spec : projectionVersion(name, version),
      projection: { name, version },
    }));
  });
}

/**
 * The tables of versions ≥ 2, defined as version 1's (same keys and indexes, `Delete` like every
 * views table: a version is rebuilt from the log).
 *
 * Version 1's table stays in the stack even when version 1 is no longer deployed. It is what
 * `<X>_VIEWS_TABLE` names in every function, and functions/platform/config.ts refuses to start
 * without that variable; queries read it while the versions record is missing. Removing it would
 * delete it (`Delete`) and leave the variable to point at some other version, which would be a
 * guess at which one is live. Kept, it costs its storage and nothing else (on demand, no writer once
 * version 1 is dropped), and numbers are never reused, so it can never be mistaken for a new version.
 */
export function versionTableResources(versions: DeployedVersions): Resources {
  const resources: Resources = {};
  for (const name of projectionNames) {
    for (const version of laterVersions(versions, name)) {
      resources[versionTableLogicalId(name, version)] = tableResource(tables[name]);
    }
  }
  return resources;
}

/**
 * `ORDER_VIEWS_TABLE_V2` and the like for every deployed version ≥ 2, in every function's
 * environment: the operating tools (`--deployment`) find version tables through the functions'
 * variables, as they find everything else (`versionTableIn`).
 */
export function versionTableVariables(versions: DeployedVersions): Record<string, CfnValue> {
  const variables: Record<string, CfnValue> = {};
  for (const name of projectionNames) {
    for (const version of laterVersions(versions, name)) {
      variables[versionTableVariable(name, version)] = ref(versionTableLogicalId(name, version));
    }
  }
  return variables;
}

/** How a function's variables name a projection version's table: the stack's table by default. */
export type VersionTable = (name: ProjectionName, version: number) => CfnValue;

export const deployedVersionTable: VersionTable = (name, version) =>
  ref(versionTableLogicalId(name, version));

/** A projection function's own variables: its version, and that version's table as its views table. */
export function versionEnvironment(
  fn: DeployedFunction,
  versionTable: VersionTable = deployedVersionTable,
): Record<string, CfnValue> {
  if (!fn.projection) return {};
  const { name, version } = fn.projection;
  return {
    [PROJECTION_VERSION_ENV]: String(version),
    [tables[name].envVar]: versionTable(name, version),
  };
}

/**
 * A projection version touches its own views table only. Every other function that names a views
 * key (queries) may read every deployed version's table, and version 1's: it reads whichever the
 * versions record says is live, and a cutover changes that without a deployment.
 */
export function tableIdsOf(fn: DeployedFunction, versions: DeployedVersions): TableIds {
  return (key) => {
    const name = projectionOf(key);
    if (!name) return [tableLogicalId(key)];
    if (fn.projection?.name === name) return [versionTableLogicalId(name, fn.projection.version)];
    return [1, ...laterVersions(versions, name)].map((version) => versionTableLogicalId(name, version));
  };
}
