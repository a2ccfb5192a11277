import { functions, topics, type FunctionSpec } from '../topology';
import type { CfnValue } from './cfn';
import { mskEventSourceMappingLogicalId } from './logicalIds';
import { clusterArn, Created } from './parameters';
import { TOPICS_RESOURCE } from './topicsResource';

export interface Extension {
  readonly Properties: Record<string, CfnValue>;
  readonly DependsOn: string[];
}

/**
 * `resources.extensions` for the mappings osls generates from the `msk` events: what its event
 * schema has no keys for (retries, bisection, the on-failure topic), the batching window again
 * (osls writes `MaximumBatchingWindowInSeconds` only when truthy, so a window of 0 would leave it
 * unset: AWS's 500 ms on a new mapping, the previous value on an existing one), and the ARN of the cluster
 * actually used in place of the placeholder `Ref` that only names the logical id. Only for the
 * functions deployed (`specs`): an extension of a mapping osls does not generate would be a
 * resource without a type.
 */
export function eventSourceMappingExtensions(
  specs: readonly FunctionSpec[] = functions,
): Record<string, Extension> {
  const extensions: Record<string, Extension> = {};
  for (const spec of specs) {
    if (!spec.msk) continue;
    const { topic, maximumRetryAttempts, bisectBatchOnFunctionError, onFailure } = spec.msk;
    extensions[mskEventSourceMappingLogicalId(spec.name, Created.cluster, topics[topic].name)] = {
      Properties: {
        EventSourceArn: clusterArn,
        MaximumBatchingWindowInSeconds: spec.msk.maximumBatchingWindow,
        MaximumRetryAttempts: maximumRetryAttempts,
        BisectBatchOnFunctionError: bisectBatchOnFunctionError,
        DestinationConfig: { OnFailure: { Destination: `kafka://${topics[onFailure].name}` } },
      },
      DependsOn: [TOPICS_RESOURCE],
    };
    if (!spec.redrive) continue;
    const redriveId = mskEventSourceMappingLogicalId(
      spec.name,
      Created.cluster,
      topics[spec.redrive.topic].name,
    );
    extensions[redriveId] = {
      Properties: {
        EventSourceArn: clusterArn,
        MaximumBatchingWindowInSeconds: spec.redrive.maximumBatchingWindow,
      },
      DependsOn: [TOPICS_RESOURCE],
    };
  }
  return extensions;
}
