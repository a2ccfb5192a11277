import {
  FRAMEWORK_ENV,
  serviceEnvironment,
  topics,
  TRANSACTIONAL_ID_PREFIX,
  appendTimeoutMs,
  transactionTimeoutMs,
  type FunctionSpec,
  type MskSource,
  type RedriveSource,
} from '../topology';
import { ref, type CfnValue } from './cfn';
import { usesKafka } from './iam';
import { roleLogicalId } from './logicalIds';
import { clusterArn, Created, functionSecurityGroupIds, functionSubnetIds } from './parameters';
import {
  deployedFunctions,
  versionEnvironment,
  versionTableVariables,
  type DeployedFunction,
  type VersionTable,
} from './projectionVersions';
import { tableNameOf } from './tables';
import { TOPICS_FUNCTION, topicsFunction } from './topicsResource';
import { DEFAULT_VERSIONS, type DeployedVersions } from './versionParams';

/** The name of the HTTP API's JWT authorizer (`provider.httpApi.authorizers`). */
export const JWT_AUTHORIZER = 'jwt';

/**
 * Provisioned pollers: AWS offers the Kafka error-handling controls the mappings use (bounded
 * retries, bisection) in provisioned mode. One poller minimum per mapping; six partitions need no
 * more than a few.
 */
export const PROVISIONED_POLLERS = { minimumPollers: 1, maximumPollers: 3 } as const;

/** osls `functions` entries are plain objects; CloudFormation values may appear anywhere in them. */
export type OslsFunction = Record<string, CfnValue>;

function events(spec: FunctionSpec): CfnValue[] {
  const list: CfnValue[] = [];
  if (spec.http) {
    const route: Record<string, CfnValue> = { method: spec.http.method, path: spec.http.path };
    // Every route but the public ones; API Gateway checks the route's scopes before invoking.
    if (!spec.public) {
      route.authorizer = { name: JWT_AUTHORIZER, ...(spec.scopes ? { scopes: [...spec.scopes] } : {}) };
    }
    list.push({ httpApi: route });
  }
  // The Ref names the logical id; the extension (eventSourceMappings.ts) puts in the ARN of the
  // cluster actually used, created or existing.
  if (spec.msk)
    list.push({ msk: { ...mskEvent(spec.msk), provisionedPollerConfig: { ...PROVISIONED_POLLERS } } });
  // On demand (no provisionedPollerConfig): retried until it succeeds, as a redrive must be.
  if (spec.redrive) list.push({ msk: mskEvent(spec.redrive) });
  if (spec.schedule) list.push({ schedule: spec.schedule });
  return list;
}

function kafkaEnvironment(spec: FunctionSpec): Record<string, string> {
  if (!usesKafka(spec)) return {};
  return {
    [FRAMEWORK_ENV.clientId]: spec.name,
    [FRAMEWORK_ENV.transactionTimeout]: String(transactionTimeoutMs(spec)),
    [FRAMEWORK_ENV.appendTimeout]: String(appendTimeoutMs(spec)),
  };
}

/**
 * One osls function: handler, timeout, its own role, VPC placement when it talks to Kafka, events.
 * A projection's also gets its version and that version's table (`versionEnvironment`).
 */
export function oslsFunction(fn: DeployedFunction, versionTable?: VersionTable): OslsFunction {
  const { spec } = fn;
  return {
    handler: spec.handler,
    timeout: spec.timeout,
    role: roleLogicalId(spec.name),
    environment: { ...kafkaEnvironment(spec), ...versionEnvironment(fn, versionTable) },
    ...(usesKafka(spec)
      ? { vpc: { subnetIds: functionSubnetIds, securityGroupIds: functionSecurityGroupIds } }
      : {}),
    events: events(spec),
  };
}

/**
 * The `functions:` of serverless.yml: the topology's functions with the deployed versions of each
 * projection, plus the topics custom resource's. `versionTable` names a projection version's table
 * (the local stage names npm start's tables instead of the stack's).
 */
export function oslsFunctions(
  versions: DeployedVersions = DEFAULT_VERSIONS,
  versionTable?: VersionTable,
): Record<string, OslsFunction> {
  const result: Record<string, OslsFunction> = {};
  for (const fn of deployedFunctions(versions)) result[fn.spec.name] = oslsFunction(fn, versionTable);
  result[TOPICS_FUNCTION] = topicsFunction();
  return result;
}

/**
 * `provider.environment`: topic and table names (version tables included) and how to reach the
 * cluster. Every function gets all of them (names are not secrets); what a function may do with
 * them is its role's business.
 */
export function oslsEnvironment(versions: DeployedVersions = DEFAULT_VERSIONS): Record<string, CfnValue> {
  return {
    ...serviceEnvironment<CfnValue>(tableNameOf),
    ...versionTableVariables(versions),
    [FRAMEWORK_ENV.clusterArn]: clusterArn,
    [FRAMEWORK_ENV.auth]: 'iam',
    [FRAMEWORK_ENV.transactionalIdPrefix]: TRANSACTIONAL_ID_PREFIX,
    // Stack traces through the minified bundles point at the TypeScript sources.
    NODE_OPTIONS: '--enable-source-maps',
  };
}

/** The keys of an osls `msk` event every mapping of ours shares. */
function mskEvent(source: MskSource | RedriveSource) {
  const { topic, consumerGroupId, batchSize, maximumBatchingWindow, startingPosition } = source;
  return {
    arn: ref(Created.cluster),
    topic: topics[topic].name,
    consumerGroupId,
    batchSize,
    maximumBatchingWindow,
    startingPosition,
  };
}
