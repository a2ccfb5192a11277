import { mkdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ZIP_LIMITS, functionKind, type FunctionKind } from '../../infra/aws/bundleLimits';
import { lambdaLogicalId } from '../../infra/aws/logicalIds';
import { TOPICS_FUNCTION } from '../../infra/aws/topicsResource';
import { functions, handlerModule } from '../../infra/topology';
import { packageOffline } from '../../test/integration/packaging/packageOffline';
import { zipEntry } from '../../test/integration/packaging/zipEntry';

export type PackagedKind = FunctionKind | 'custom resource';

/** One zip `serverless package` wrote, unpacked where a bare Node can load it. */
export interface PackagedFunction {
  readonly name: string;
  readonly kind: PackagedKind;
  /** The kind's limit in infra/aws/bundleLimits.ts (the custom resource gets the scheduled one's). */
  readonly limit: number;
  /** The handler's path without extension, relative to the zip's root (and `dir`). */
  readonly file: string;
  readonly zipBytes: number;
  readonly bundleBytes: number;
  readonly mapBytes: number;
  /** Where the zip's bundle and map were written. */
  readonly dir: string;
  /** The function's variables from the template, CloudFormation references as placeholders. */
  readonly env: Readonly<Record<string, string>>;
}

type Template = {
  Resources: Record<string, { Properties: { Environment?: { Variables?: Record<string, unknown> } } }>;
};

const PACKAGE_TIMEOUT_MS = 300_000;

function environmentOf(template: Template, name: string): Record<string, string> {
  const variables = template.Resources[lambdaLogicalId(name)]?.Properties.Environment?.Variables ?? {};
  const placeholder = (key: string) =>
    key === 'MSK_CLUSTER_ARN' ? 'arn:aws:kafka:eu-west-1:123456789012:cluster/kes/1' : `placeholder-${key}`;
  return Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : placeholder(key),
    ]),
  );
}

/**
 * What Lambda's NODE_PATH offers a nodejs22.x function besides its own files: the AWS SDK for
 * JavaScript v3. A folder with links to this repository's `@aws-sdk` and `@smithy`, and nothing else.
 */
export async function runtimeModules(root: string, out: string): Promise<string> {
  const dir = path.join(out, 'runtime-modules');
  await mkdir(dir, { recursive: true });
  for (const scope of ['@aws-sdk', '@smithy'])
    await symlink(path.join(root, 'node_modules', scope), path.join(dir, scope), 'dir');
  return dir;
}

/**
 * Runs `serverless package` once (as the packaging test does: its own service directory, offline)
 * and unpacks each function's bundle and map under `out/<function>/`, outside any node_modules.
 */
export async function packageFunctions(root: string, out: string): Promise<PackagedFunction[]> {
  const zips = await packageOffline(root, 'kes-bench-b5-', PACKAGE_TIMEOUT_MS);
  const template = JSON.parse(
    await readFile(path.join(zips, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as Template;
  const all: { name: string; kind: PackagedKind; handler: string }[] = [
    ...functions.map((spec) => ({
      name: spec.name,
      kind: functionKind(spec),
      handler: spec.handler,
    })),
    {
      name: TOPICS_FUNCTION,
      kind: 'custom resource',
      handler: 'infra/aws/kafkaTopicsHandler.handler',
    },
  ];
  const packaged: PackagedFunction[] = [];
  try {
    for (const { name, kind, handler } of all) {
      const zipFile = path.join(zips, `${name}.zip`);
      const zip = await readFile(zipFile);
      const file = handlerModule({ handler }).file;
      const dir = path.join(out, name);
      const [bundle, map] = [`${file}.js`, `${file}.js.map`].map((entry) => {
        const content = zipEntry(zip, entry);
        if (!content) throw new Error(`${name}.zip has no ${entry}`);
        return content;
      }) as [Buffer, Buffer];
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, `${file}.js`), bundle);
      await writeFile(path.join(dir, `${file}.js.map`), map);
      packaged.push({
        name,
        kind,
        limit: ZIP_LIMITS[kind === 'custom resource' ? 'scheduled' : kind],
        file,
        zipBytes: (await stat(zipFile)).size,
        bundleBytes: bundle.length,
        mapBytes: map.length,
        dir,
        env: environmentOf(template, name),
      });
    }
  } finally {
    await rm(zips, { recursive: true, force: true });
  }
  return packaged;
}
