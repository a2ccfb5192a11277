import { recordedStack, STACK_RECORD } from '../local/stackRecord';
import { versionTableIn } from '../topology';
import { oslsFunctions, type OslsFunction } from './serverlessFunctions';
import type { DeployedVersions } from './versionParams';

// `serverless invoke local --stage local -f <function> -p events/<function>.json`: the functions of
// serverless.yml run on this machine against the stack `npm start` runs. invoke local can resolve
// only plain values and a `Ref` to a deployed stack, so the AWS stages' variables (the cluster's
// ARN through `Fn::If`, tables by `Ref`) would fail it; this stage gives every variable the value
// npm start's own functions run with, from its record (infra/local/stackRecord.ts).

/** The stage whose functions run against `npm start` (no AWS account; dynalite takes any key). */
export const LOCAL_STAGE = 'local';

/** The variables of the running `npm start`, from its record; none running is an error that says so. */
export function runningStack(file = STACK_RECORD): Record<string, string> {
  const record = recordedStack(file);
  if (record) return record;
  throw new Error(
    `--stage ${LOCAL_STAGE} runs functions against npm start, and none is running ` +
      `(no ${file}): start it in another terminal first`,
  );
}

/**
 * `provider.environment` of the local stage: npm start's variables (brokers, DynamoDB endpoint,
 * topic and table names, fake credentials, auth mode), with one producer as on Lambda, where an
 * environment runs one invocation at a time (npm start shares its process between functions).
 */
export function localStageEnvironment(stack = runningStack()): Record<string, string> {
  return { ...stack, KAFKA_PRODUCER_POOL_SIZE: '1' };
}

/**
 * The `functions:` of the local stage: the AWS stages' functions, a projection version's table
 * named as npm start names it instead of by `Ref`. Roles, VPC and events stay: invoke local
 * ignores them, and the function list is the same in every stage.
 */
export function localStageFunctions(
  versions: DeployedVersions,
  stack = runningStack(),
): Record<string, OslsFunction> {
  return oslsFunctions(versions, (name, version) => versionTableIn(stack, name, version));
}
