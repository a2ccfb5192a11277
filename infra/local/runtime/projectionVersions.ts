import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { Kafka } from 'kafkajs';
import { ensureTable } from '../../../lib/dynamodb/createTable';
import type { MskEventSource, MskEventSourceOptions } from '../../../lib/local/mskEventSource';
import { DynamoVersionRegistry } from '../../../lib/projectionVersions/dynamoVersionRegistry';
import { initialVersions } from '../../../lib/projectionVersions/lifecycle';
import type { ProjectionVersion, VersionState } from '../../../lib/projectionVersions/projectionVersions';
import { redriveOf } from '../../topology/builders';
import {
  projectionVersion,
  projections,
  tables,
  versionGroup,
  type FunctionSpec,
  type ProjectionName,
} from '../../topology';
import { loadVersionHandler } from './loadHandler';
import type { LocalNames } from './localNames';

/** Versions whose mapping runs: everything but a finished frozen copy. */
const RUNNING: readonly VersionState[] = ['building', 'ready', 'live', 'retired', 'freezing'];

type MskHandler = MskEventSourceOptions['handler'];

export interface VersionMappingsOptions {
  readonly kafka: Kafka;
  readonly dynamo: DynamoDBClient;
  readonly names: LocalNames;
  /** Starts a function's mappings (main and redrive) as the runtime starts every other function's. */
  readonly start: (spec: FunctionSpec, handler: MskHandler) => Promise<MskEventSource[]>;
  /** Where the runtime keeps every running source (waitUntilIdle reads it). */
  readonly sources: MskEventSource[];
  readonly log: (line: string) => void;
  /** How often the registry is read (default 500 ms). */
  readonly pollMs?: number;
}

/**
 * What `serverless deploy` does on AWS for projection versions, done locally from the registry:
 * every version that should run has its table and its mappings (version n's own consumer group,
 * from offset 0); a finished frozen copy's mapping stops; a dropped version's mappings stop and its
 * table and consumer groups are deleted. Version 1 runs from the start, as deployed.
 */
export async function runProjectionVersions(options: VersionMappingsOptions) {
  const registry = new DynamoVersionRegistry(options.dynamo, options.names.table('projectionVersions'));
  const running = new Map<string, { version: ProjectionVersion; sources: MskEventSource[] }>();
  const sync = async () => {
    const wanted = new Map<string, { name: ProjectionName; version: ProjectionVersion }>();
    for (const name of Object.keys(projections) as ProjectionName[]) {
      const naming = (n: number) => ({ table: options.names.table(name), group: versionGroup(name, n) });
      const record = (await registry.read(name, { consistent: true })) ?? initialVersions(name, naming, '');
      for (const version of record.versions.filter((each) => RUNNING.includes(each.state)))
        wanted.set(`${name}@${version.version}`, { name, version });
      for (const [key, run] of running) {
        if (!key.startsWith(`${name}@`) || wanted.has(key)) continue;
        running.delete(key);
        await stopSources(options.sources, run.sources);
        const kept = record.versions.some((each) => each.version === run.version.version);
        if (!kept) await forget(options, run.version);
      }
    }
    for (const [key, { name, version }] of wanted) {
      if (running.has(key)) continue;
      running.set(key, { version, sources: await startVersion(options, name, version) });
      options.log(
        JSON.stringify({ level: 'info', type: 'projection-version', projection: name, ...version }),
      );
    }
  };
  await sync();
  let inFlight: Promise<void> | undefined;
  const timer = setInterval(() => {
    inFlight ??= sync()
      .catch((error: unknown) =>
        options.log(JSON.stringify({ level: 'error', type: 'projection-version', error: String(error) })),
      )
      .finally(() => (inFlight = undefined));
  }, options.pollMs ?? 500);
  return {
    /** Stops watching; mappings already started stop with the runtime's sources. */
    stop: async () => {
      clearInterval(timer);
      await inFlight;
    },
  };
}

async function startVersion(
  options: VersionMappingsOptions,
  name: ProjectionName,
  version: ProjectionVersion,
) {
  await ensureTable(options.dynamo, version.table, tables[name].definition);
  const spec = projectionVersion(name, version.version);
  // The group the registry recorded is the one the operating tools measure.
  const withGroup: FunctionSpec = {
    ...spec,
    msk: { ...spec.msk!, consumerGroupId: version.group },
    redrive: redriveOf(version.group),
  };
  const handler = loadVersionHandler(spec, version.version, version.table) as unknown as MskHandler;
  const sources = await options.start(withGroup, handler);
  options.sources.push(...sources);
  return sources;
}

async function stopSources(all: MskEventSource[], stopping: readonly MskEventSource[]) {
  for (const source of stopping) all.splice(all.indexOf(source), 1);
  await Promise.allSettled(stopping.map((source) => source.stop()));
}

/** A dropped version leaves nothing behind: its table and its groups go, as CloudFormation would. */
async function forget(options: VersionMappingsOptions, version: ProjectionVersion) {
  await options.dynamo.send(new DeleteTableCommand({ TableName: version.table })).catch(() => undefined);
  const admin = options.kafka.admin();
  await admin.connect();
  try {
    const groups = [version.group, redriveOf(version.group).consumerGroupId].map((group) =>
      options.names.group(group),
    );
    await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
