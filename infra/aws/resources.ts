import type { CfnValue, Resources } from './cfn';
import { clusterResources } from './cluster';
import { eventSourceMappingExtensions } from './eventSourceMappings';
import { functionStatements, roleResource } from './iam';
import { roleLogicalId } from './logicalIds';
import { networkResources } from './network';
import { clusterArn, parameterSection, type DeploymentSettings } from './parameters';
import { deployedFunctions, tableIdsOf, versionTableResources } from './projectionVersions';
import { tableResources } from './tables';
import { TOPICS_FUNCTION, topicsResources } from './topicsResource';
import type { DeployedVersions } from './versionParams';

/** What osls resolved for the stack: the names functions get deployed under, and the params. */
export interface StackSettings extends DeploymentSettings {
  readonly service: string;
  readonly stage: string;
  /** The deployed versions of each projection (`--param="orderViewsVersions=1,2"`). */
  readonly versions: DeployedVersions;
}

/** `<service>-<stage>-<function>`, osls's default function name. */
export const deployedName = (settings: StackSettings, functionName: string) =>
  `${settings.service}-${settings.stage}-${functionName}`;

function roles(settings: StackSettings): Resources {
  const resources: Resources = {};
  for (const fn of deployedFunctions(settings.versions)) {
    const { name } = fn.spec;
    resources[roleLogicalId(name)] = roleResource(
      functionStatements(fn.spec, deployedName(settings, name), tableIdsOf(fn, settings.versions)),
    );
  }
  return resources;
}

/**
 * The `resources:` of serverless.yml: parameters and the create-or-use condition, the tables (and
 * those of projection versions ≥ 2), the network and cluster (when created), one role per function,
 * the topics custom resource, and the extensions of the generated event source mappings.
 */
export function oslsResources(settings: StackSettings) {
  const { Parameters, Conditions } = parameterSection(settings);
  const Outputs: Record<string, CfnValue> = {
    KafkaClusterArn: { Description: 'The MSK cluster the functions use', Value: clusterArn },
  };
  return {
    Parameters,
    Conditions,
    Resources: {
      ...tableResources(),
      ...versionTableResources(settings.versions),
      ...networkResources(),
      ...clusterResources(),
      ...roles(settings),
      ...topicsResources(deployedName(settings, TOPICS_FUNCTION)),
    },
    Outputs,
    extensions: eventSourceMappingExtensions(deployedFunctions(settings.versions).map((fn) => fn.spec)),
  };
}
