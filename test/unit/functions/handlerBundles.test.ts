import { build } from 'esbuild';
import path from 'node:path';
import { functions, handlerModule, type FunctionSpec } from '../../../infra/topology';

// What each kind of function carries into its bundle (docs/BENCHMARKS.md, B5: cold start grows with
// bundle size). Queries read DynamoDB, and those that read the log back (history, past states) a
// Kafka client for it; projections also dead-letter to Kafka; commands and reactors append to it.
// Bundled as B5 measures: the runtime's AWS SDK stays external.
const ROOT = path.resolve(__dirname, '../../..');

async function bundledInputs(spec: FunctionSpec): Promise<string[]> {
  const result = await build({
    absWorkingDir: ROOT, // inputs are named relative to it
    entryPoints: [path.join(ROOT, `${handlerModule(spec).file}.ts`)],
    bundle: true,
    write: false,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['@aws-sdk/*', '@smithy/*'],
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

const has = (inputs: readonly string[], pattern: RegExp) => inputs.some((input) => pattern.test(input));
const KAFKAJS = /node_modules\/kafkajs\//;
const IAM_TOKEN = /^lib\/kafka\/mskIamToken\.ts$/;
const IAM_SIGNER_LIBRARY = /node_modules\/aws-msk-iam-sasl-signer-js\//;
const COMMAND_PATH = /^lib\/(commands|eventLog|idempotency)\//;
const DECIDERS = /^functions\/\w+\/domain\/\w+Decider\.ts$/;

const named = (name: string) => functions.find((spec) => spec.name === name)!;
const queries = functions.filter((spec) => spec.http && !spec.command);
const readsLog = (spec: FunctionSpec) => (spec.readsLog?.length ?? 0) > 0;
const projections = functions.filter((spec) => spec.msk && !spec.transactional);

describe('handler bundles', () => {
  it.each(queries.map((spec) => [spec.name, spec] as const))(
    'query %s carries no command path and no decider, and a Kafka client only to read the log back',
    async (_, spec) => {
      const inputs = await bundledInputs(spec);
      expect(has(inputs, KAFKAJS)).toBe(readsLog(spec));
      expect(has(inputs, IAM_TOKEN)).toBe(readsLog(spec));
      expect(has(inputs, IAM_SIGNER_LIBRARY)).toBe(false);
      expect(inputs.filter((input) => COMMAND_PATH.test(input) || DECIDERS.test(input))).toEqual([]);
    },
  );

  it.each(projections.map((spec) => [spec.name, spec] as const))(
    // kafkajs stays: the dead-letter sink produces to the dead-letter topic.
    'projection %s carries no command path and no decider',
    async (_, spec) => {
      const inputs = await bundledInputs(spec);
      expect(inputs.filter((input) => COMMAND_PATH.test(input) || DECIDERS.test(input))).toEqual([]);
    },
  );

  it('a command carries its own decider only, and our MSK IAM token, not the signer library', async () => {
    const inputs = await bundledInputs(named('restockInventory'));
    expect(inputs.filter((input) => DECIDERS.test(input))).toEqual([
      'functions/inventory/domain/inventoryDecider.ts',
    ]);
    expect(has(inputs, KAFKAJS)).toBe(true);
    expect(has(inputs, IAM_TOKEN)).toBe(true);
    expect(has(inputs, IAM_SIGNER_LIBRARY)).toBe(false);
  });
});
