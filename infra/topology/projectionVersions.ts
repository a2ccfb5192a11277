// The versions of each projection: version 1 is today's table and consumer group, unchanged; version
// n ≥ 2 is a table and a group of its own, read from TRIM_HORIZON beside the live version
// (docs/PROTOCOL.md, "Projection versions"). Part of infra/topology (index.ts says what it is for).
import { projection, redriveOf, type Service } from './builders';
import type { FunctionSpec } from './specs';
import { tables, type TableKey } from './storage';

/** Every projection: the read model it writes, its service, and its version-1 function. */
export const projections = {
  orderViews: { service: 'order', functionName: 'projectOrders', file: 'projectOrders' },
  inventoryViews: { service: 'inventory', functionName: 'projectInventory', file: 'projectInventory' },
  accountViews: { service: 'payment', functionName: 'projectAccounts', file: 'projectAccounts' },
} as const satisfies Partial<Record<TableKey, { service: Service; functionName: string; file: string }>>;

export type ProjectionName = keyof typeof projections;

/** Version 1 keeps its name (`kes-orderViews`); version n is `<base>-v<n>`. */
export function versionTableName(baseTableName: string, version: number): string {
  return version === 1 ? baseTableName : `${baseTableName}-v${version}`;
}

/** Version 1 keeps `<service>-views`; a new group id is what makes version n start from offset 0. */
export function versionGroup(name: ProjectionName, version: number): string {
  const group = `${projections[name].service}-views`;
  return version === 1 ? group : `${group}-v${version}`;
}

/** `projectOrders` for version 1, `projectOrdersV2` for version 2. */
export function versionFunctionName(name: ProjectionName, version: number): string {
  const base = projections[name].functionName;
  return version === 1 ? base : `${base}V${version}`;
}

/**
 * The function of version `version` of a projection: the version-1 spec with its own name, its
 * own consumer group (and so its own redrive group) on the same topic. Its tables are the same keys:
 * what differs is the name of the views table it is given (`versionTableName`).
 */
export function projectionVersion(name: ProjectionName, version: number): FunctionSpec {
  if (!Number.isInteger(version) || version < 1) throw new RangeError(`version must be ≥ 1: ${version}`);
  const { service, file } = projections[name];
  const spec = projection(service, versionFunctionName(name, version), file);
  if (version === 1) return spec;
  const group = versionGroup(name, version);
  return {
    ...spec,
    msk: { ...spec.msk!, consumerGroupId: group, batchSize: REBUILD_BATCH_SIZE },
    redrive: redriveOf(group),
  };
}

/**
 * A new version starts with the whole log to read: the largest batch a mapping takes (Lambda cuts
 * it at the 6 MB payload) makes a bulk write of as many aggregates as possible per invocation. Once
 * caught up, batches are as small as what arrives within the batching window.
 */
export const REBUILD_BATCH_SIZE = 10_000;

/** Whether a function of the topology is version 1 of a projection (the runtime runs versions). */
export function isProjectionFunction(spec: Pick<FunctionSpec, 'name'>): boolean {
  return Object.values(projections).some((each) => each.functionName === spec.name);
}

/** The projection whose read model is `key`, if it is one. */
export function projectionOf(key: TableKey): ProjectionName | undefined {
  return key in projections ? (key as ProjectionName) : undefined;
}

/**
 * The variable naming version n's table on AWS, where CloudFormation names tables: every function
 * gets one per deployed version ≥ 2, so the operating tools reach them through the functions'
 * variables as they reach everything else. Locally version n's table is `versionTableName`.
 */
export function versionTableVariable(name: ProjectionName, version: number): string {
  return `${tables[name].envVar}_V${version}`;
}

/** Version n's table in an environment: its variable on AWS, else the local name. */
export function versionTableIn(env: NodeJS.ProcessEnv, name: ProjectionName, version: number): string {
  const base = env[tables[name].envVar];
  const named = env[versionTableVariable(name, version)];
  if (named) return named;
  if (!base) throw new Error(`${tables[name].envVar} is not set`);
  return versionTableName(base, version);
}
