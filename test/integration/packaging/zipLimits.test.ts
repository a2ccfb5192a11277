import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ZIP_LIMITS, functionKind, type FunctionKind } from '../../../infra/aws/bundleLimits';
import { lambdaLogicalId } from '../../../infra/aws/logicalIds';
import { TOPICS_FUNCTION } from '../../../infra/aws/topicsResource';
import { functions, handlerModule } from '../../../infra/topology';
import { packageOffline } from './packageOffline';
import { zipEntry } from './zipEntry';

// What `serverless package` writes, as deployed: each zip against its kind's limit (issue 14), and
// each bundle loaded by a bare Node 22 that resolves nothing but what the nodejs22.x runtime ships
// (the AWS SDK for JavaScript v3, `@aws-sdk/*` and `@smithy/*`), with the function's environment.

const root = resolve(__dirname, '../../..');
const PACKAGE_TIMEOUT_MS = 300_000;

interface Packaged {
  readonly name: string;
  readonly kind: FunctionKind | 'custom resource';
  readonly handler: string;
}

const packaged: Packaged[] = [
  ...functions.map((spec) => ({ name: spec.name, kind: functionKind(spec), handler: spec.handler })),
  { name: TOPICS_FUNCTION, kind: 'custom resource', handler: 'infra/aws/kafkaTopicsHandler.handler' },
];
const limitOf = (kind: Packaged['kind']) => ZIP_LIMITS[kind === 'custom resource' ? 'scheduled' : kind];

let outDir: string;
let runtimeModules: string;
let template: {
  Resources: Record<string, { Properties: { Environment?: { Variables?: Record<string, unknown> } } }>;
};

beforeAll(async () => {
  outDir = await packageOffline(root, 'sls-zips-', PACKAGE_TIMEOUT_MS);
  template = JSON.parse(
    await readFile(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as typeof template;
  // What Lambda's NODE_PATH offers besides the function's own files: the runtime's SDK.
  runtimeModules = await mkdtemp(join(tmpdir(), 'sls-runtime-'));
  for (const scope of ['@aws-sdk', '@smithy'])
    await symlink(join(root, 'node_modules', scope), join(runtimeModules, scope), 'dir');
}, PACKAGE_TIMEOUT_MS);

afterAll(async () => {
  for (const dir of [outDir, runtimeModules]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** The function's variables from the template, CloudFormation references replaced by placeholders. */
function environmentOf(name: string): Record<string, string> {
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

async function unpack(name: string, handler: string): Promise<{ dir: string; file: string }> {
  const zip = await readFile(join(outDir, `${name}.zip`));
  const dir = await mkdtemp(join(tmpdir(), `sls-${name}-`));
  const file = `${handlerModule({ handler }).file}.js`;
  for (const entry of [file, `${file}.map`]) {
    const content = zipEntry(zip, entry);
    if (!content) throw new Error(`${name}.zip has no ${entry}`);
    await mkdir(dirname(join(dir, entry)), { recursive: true });
    await writeFile(join(dir, entry), content);
  }
  return { dir, file };
}

// Prints the type of the handler export; fails if any require() of the bundle cannot be resolved.
const LOAD = `const m=require(process.argv[1]);process.stdout.write(typeof m[process.argv[2]])`;

describe('serverless package: zips', () => {
  it.each(packaged.map((fn) => [fn.name, fn.kind, fn] as const))(
    '%s (%s) is within its limit',
    async (name, kind) => {
      const { size } = await stat(join(outDir, `${name}.zip`));
      expect(size).toBeLessThanOrEqual(limitOf(kind));
    },
  );

  it.each(packaged.map((fn) => [fn.name, fn] as const))(
    '%s loads with only the runtime SDK resolvable, and exports its handler',
    async (name, fn) => {
      const { dir, file } = await unpack(name, fn.handler);
      try {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['-e', LOAD, join(dir, file), handlerModule(fn).exportName],
          {
            cwd: dir,
            // AWS_REGION as Lambda sets it; NODE_OPTIONS (--enable-source-maps) comes from the template.
            env: { ...environmentOf(name), AWS_REGION: 'eu-west-1', NODE_PATH: runtimeModules, PATH: '' },
          },
        );
        expect(stdout).toBe('function');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
