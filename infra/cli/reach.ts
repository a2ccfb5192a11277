import { recordedStack, STACK_RECORD } from '../local/stackRecord';

/**
 * Points the platform's config at what the tools should operate on: by default the stack that
 * `npm start` runs (it records its variables), with `--deployment` the variables already in the
 * environment — the same ones the deployed functions read (table and topic names, MSK_CLUSTER_ARN,
 * KAFKA_AUTH, …). Must run before anything reads the config.
 */
export function reach(options: { deployment?: boolean }): void {
  if (options.deployment) return;
  const recorded = recordedStack();
  if (!recorded) {
    throw new Error(
      `no running npm start found (${STACK_RECORD}); start it, or pass --deployment with its variables set`,
    );
  }
  Object.assign(process.env, recorded);
}
