import { getKafka } from '../../functions/platform/kafka';
import { getVersionRegistry } from '../../functions/platform/projectionVersions';
import { consumerLag } from '../../lib/projectionVersions/consumerLag';
import type { VersionOperations } from '../../lib/projectionVersions/rebuild';
import { InvalidArgumentError } from 'commander';
import {
  projections,
  tables,
  topics,
  versionGroup,
  versionTableIn,
  versionTableVariable,
  type ProjectionName,
} from '../topology';
import { services } from '../topology/builders';

/** The projection names the tools take (`orderViews`, `inventoryViews`, `accountViews`). */
export const PROJECTION_NAMES = Object.keys(projections) as ProjectionName[];

/** commander argument parser: a projection name, or a clear error listing the known ones. */
export function projectionName(value: string): ProjectionName {
  if ((PROJECTION_NAMES as string[]).includes(value)) return value as ProjectionName;
  throw new InvalidArgumentError(`unknown projection; one of ${PROJECTION_NAMES.join(', ')}`);
}

/** The topic a projection reads, by the name the environment gives it. */
export function projectionTopic(name: ProjectionName): string {
  const topic = topics[services[projections[name].service].topic];
  return process.env[topic.envVar] ?? topic.name;
}

/**
 * What lib/projectionVersions needs to operate on one projection of the reached system: its
 * registry, the names of version n (locally `<table>-v<n>`; on a deployment the variable the
 * template sets for each deployed version, since CloudFormation names tables) and the lag of a
 * consumer group on its topic (the local runtime prefixes its groups).
 */
export async function projectionOps(name: ProjectionName, deployment: boolean): Promise<VersionOperations> {
  const kafka = await getKafka();
  const topic = projectionTopic(name);
  return {
    registry: getVersionRegistry(),
    name,
    naming: (version) => ({ table: tableOf(name, version, deployment), group: versionGroup(name, version) }),
    lagOf: async (group) => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        return await consumerLag(admin, `${process.env.LOCAL_GROUP_PREFIX ?? ''}${group}`, topic);
      } finally {
        await admin.disconnect();
      }
    },
  };
}

/**
 * Version n's table. On a deployment a version not deployed yet has none (''): it is registered
 * first and gets its table when the rebuild is run again after the deploy (runbook).
 */
function tableOf(name: ProjectionName, version: number, deployment: boolean): string {
  if (version === 1) return process.env[tables[name].envVar] ?? '';
  if (deployment) return process.env[versionTableVariable(name, version)] ?? '';
  return versionTableIn(process.env, name, version);
}

/** The end offset of every partition of the projection's topic now, by partition. */
export async function endOffsets(name: ProjectionName): Promise<Record<string, string>> {
  const admin = (await getKafka()).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(projectionTopic(name));
    return Object.fromEntries(offsets.map((p) => [String(p.partition), p.high]));
  } finally {
    await admin.disconnect();
  }
}
