import type { Context, MSKEvent } from 'aws-lambda';
import { fromFailureTopic } from '../../lib/failures/failedBatches';
import { PARKED_REDRIVE_SOURCE } from '../../lib/projections/parking';
import { cachedVersions } from '../../lib/projectionVersions/cachedVersions';
import { DynamoVersionRegistry } from '../../lib/projectionVersions/dynamoVersionRegistry';
import type { ProjectionVersions } from '../../lib/projectionVersions/projectionVersions';
import { versionedHandler } from '../../lib/projectionVersions/versionedHandler';
import { getConfig } from './config';
import { getDynamo } from './dynamo';
import { perEnvironment } from './platform';

/** The read models that have versions, by their name in the registry (the topology's table keys). */
export type ProjectionName = 'orderViews' | 'inventoryViews' | 'accountViews';

/** Which version of each projection is live and which are being built. */
export const getVersionRegistry = perEnvironment(
  () => new DynamoVersionRegistry(getDynamo(), getConfig().PROJECTION_VERSIONS_TABLE),
);

const getLookups = perEnvironment(
  () => new Map<ProjectionName, () => Promise<ProjectionVersions | undefined>>(),
);

/** A projection's versions record, looked up at most once a second per execution environment. */
export function versionsOf(name: ProjectionName): () => Promise<ProjectionVersions | undefined> {
  const lookups = getLookups();
  let lookup = lookups.get(name);
  if (!lookup) {
    lookup = cachedVersions({ registry: getVersionRegistry(), name });
    lookups.set(name, lookup);
  }
  return lookup;
}

type Handler<Result> = (event: MSKEvent, context: Context) => Promise<Result>;

/**
 * Version `version` of a projection: bulk writes while it is built, conditional ones otherwise
 * (lib/projectionVersions/versionedHandler.ts). `build` makes the projection's handler writing one
 * way or the other; both are built once, here.
 */
export function versionedProjection<Result>(
  name: ProjectionName,
  version: number,
  build: (writes: 'conditional' | 'bulk') => Handler<Result>,
): Handler<Result> {
  const failureTopic = getConfig().FAILURE_TOPIC;
  return versionedHandler({
    version,
    versions: versionsOf(name),
    conditional: build('conditional'),
    bulk: build('bulk'),
    isRedrive: (event) =>
      (event.eventSource as string) === PARKED_REDRIVE_SOURCE || fromFailureTopic(event, failureTopic),
  });
}
