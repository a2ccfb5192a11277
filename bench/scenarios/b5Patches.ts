import { build, type Plugin } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { functions, handlerModule } from '../../infra/topology';
import { OUT, ROOT } from './b5Build';

/**
 * Proposed source changes, applied to a copy at bundle time (the repository is not touched), so
 * their effect on size and start-up is measured rather than guessed.
 */
const SOURCES = /[\\/](lib|functions)[\\/].*\.ts$/;

/** `import { z } from 'zod'` keeps zod's whole namespace object alive (every locale included); `* as z` lets esbuild drop what is unused. */
const zodNamespace: Plugin = {
  name: 'zod-namespace-import',
  setup(build) {
    build.onLoad({ filter: SOURCES }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(
        "import { z } from 'zod';",
        "import * as z from 'zod';",
      ),
      loader: 'ts',
    }));
  },
};

/** lib/kafka/kafkaConnection.ts loading @aws-sdk/client-kafka and the MSK IAM signer only when an ARN or IAM auth needs them. */
const lazyMskClients: Plugin = {
  name: 'lazy-msk-clients',
  setup(build) {
    build.onLoad({ filter: /[\\/]lib[\\/]kafka[\\/]kafkaConnection\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
        .replace("import { GetBootstrapBrokersCommand, KafkaClient } from '@aws-sdk/client-kafka';\n", '')
        .replace("import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';\n", '')
        .replace(
          'oauthBearerProvider: async () => ({ value: (await generateAuthToken({ region })).token }),',
          "oauthBearerProvider: async () => { const { generateAuthToken } = require('aws-msk-iam-sasl-signer-js'); return { value: (await generateAuthToken({ region })).token }; },",
        )
        .replace(
          'const client = new KafkaClient({ region: settings.AWS_REGION });',
          "const { GetBootstrapBrokersCommand, KafkaClient } = require('@aws-sdk/client-kafka');\n  const client = new KafkaClient({ region: settings.AWS_REGION });",
        );
      return { contents: source, loader: 'ts' };
    });
  },
};

export const PATCH_SETS = {
  'as is': [],
  'zod: import * as z': [zodNamespace],
  'lazy MSK clients': [lazyMskClients],
  both: [lazyMskClients, zodNamespace],
} as const satisfies Record<string, Plugin[]>;

export type PatchSet = keyof typeof PATCH_SETS;

export const REPRESENTATIVES = ['getInventory', 'restockInventory', 'projectInventory'] as const;

export interface PatchedBuild {
  readonly functionName: string;
  readonly patch: PatchSet;
  readonly file: string;
  readonly bytes: number;
  /** Bytes of kafkajs and the MSK IAM signer in the bundle: what a Kafka-free query would not carry. */
  readonly kafkaBytes: number;
}

/** Each representative bundled under each patch set (same esbuild options as the main build). */
export async function buildPatched(): Promise<PatchedBuild[]> {
  const builds: PatchedBuild[] = [];
  for (const name of REPRESENTATIVES) {
    const spec = functions.find((f) => f.name === name)!;
    for (const [patch, plugins] of Object.entries(PATCH_SETS) as [PatchSet, Plugin[]][]) {
      const file = path.join(OUT, 'patched', `${name}.${patch.replace(/\W+/g, '-')}.js`);
      const result = await build({
        entryPoints: [path.join(ROOT, `${handlerModule(spec).file}.ts`)],
        bundle: true,
        minify: true,
        platform: 'node',
        target: 'node22',
        format: 'cjs',
        external: ['@aws-sdk/*', '@smithy/*'],
        metafile: true,
        outfile: file,
        plugins,
        logLevel: 'silent',
      });
      const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
      const kafkaBytes = Object.entries(inputs)
        .filter(([input]) => /node_modules\/(kafkajs|aws-msk-iam-sasl-signer-js)\//.test(input))
        .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
      builds.push({ functionName: name, patch, file, bytes: statSync(file).size, kafkaBytes });
    }
  }
  return builds;
}

/** What Lambda's Node.js runtime provides and the bundles leave external: loaded the same way in every variant. */
export const RUNTIME_SDK = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/util-dynamodb',
  '@aws-sdk/client-kafka',
  '@aws-sdk/client-sts',
  '@aws-sdk/credential-providers',
  '@aws-sdk/util-format-url',
  '@smithy/signature-v4',
];
