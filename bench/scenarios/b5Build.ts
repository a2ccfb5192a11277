import { isBuiltin } from 'node:module';
import { build, type Metafile } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { platformaticBundling } from '../support/clientBundle';
import { packageFunctions, runtimeModules, type PackagedFunction } from '../support/packagedFunctions';

export const ROOT = path.resolve(__dirname, '../..');
/**
 * Outside the repository (lint and prettier would read it) and outside any node_modules: a bundle
 * unpacked here resolves nothing but what NODE_PATH offers, as in Lambda.
 */
export const OUT = path.join(os.tmpdir(), 'kes-bench-cold-start');

/** serverless.yml's `custom.esbuild`, but for the source-map plugin (it rewrites only the map). */
export const SERVERLESS_ESBUILD = {
  bundle: true,
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // kafkaClient=kafkajs, the default: @platformatic/kafka stays out (infra/aws/kafkaClient.ts).
  external: ['@aws-sdk/*', '@smithy/*', '@platformatic/kafka'],
  ...platformaticBundling,
} as const;

export interface BuiltFunction extends PackagedFunction {
  /** What the minified bundle is made of, by package (or lib/functions/infra), largest first. */
  readonly parts: readonly { name: string; bytes: number }[];
  /** The packages the bundle require()s from the runtime (external), from the metafile. */
  readonly externals: readonly string[];
  /** The metafile build wrote the same bytes as the zip holds (it explains the deployed bundle). */
  readonly sameAsZip: boolean;
  /** The same sources transpiled file by file, packages from node_modules (no bundling). */
  readonly unbundled: string;
}

export interface Built {
  readonly functions: BuiltFunction[];
  /** NODE_PATH for the deployed bundles: the runtime's SDK only. */
  readonly runtimeModules: string;
}

function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match) return match[1]!;
  return input.split('/')[0] ?? input;
}

function partsOf(output: Metafile['outputs'][string]): { name: string; bytes: number }[] {
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
    byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
  return [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(ROOT, dir, file));
}

/** Each handler built once more with serverless.yml's options, for a metafile: composition and externals. */
async function metafileBuild(packaged: readonly PackagedFunction[]) {
  const outdir = path.join(OUT, 'metafile');
  const { metafile } = await build({
    ...SERVERLESS_ESBUILD,
    external: [...SERVERLESS_ESBUILD.external],
    entryPoints: packaged.map((f) => path.join(ROOT, `${f.file}.ts`)),
    outdir,
    outbase: ROOT,
    absWorkingDir: ROOT,
    metafile: true,
    logLevel: 'silent',
  });
  return (f: PackagedFunction) => {
    const output = metafile.outputs[path.relative(ROOT, path.join(outdir, `${f.file}.js`))];
    if (!output) throw new Error(`no metafile output for ${f.name}`);
    return output;
  };
}

/**
 * What `serverless package` writes, unpacked, with each bundle's composition from a metafile build
 * of the same options, and the sources transpiled file by file for the unbundled comparison.
 */
export async function buildFunctions(): Promise<Built> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const packaged = await packageFunctions(ROOT, path.join(OUT, 'zips'));
  const outputOf = await metafileBuild(packaged);
  const unbundledDir = path.join(OUT, 'unbundled');
  mkdirSync(unbundledDir);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(unbundledDir, 'node_modules'), 'dir');
  await build({
    entryPoints: [...sourcesUnder('functions'), ...sourcesUnder('lib'), ...sourcesUnder('infra')],
    outdir: unbundledDir,
    outbase: ROOT,
    bundle: false,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    logLevel: 'silent',
  });
  return {
    runtimeModules: await runtimeModules(ROOT, OUT),
    functions: packaged.map((f) => {
      const output = outputOf(f);
      return {
        ...f,
        parts: partsOf(output),
        externals: [
          ...new Set(
            output.imports.filter((i) => i.external && providedByRuntime(i.path)).map((i) => i.path),
          ),
        ],
        sameAsZip: output.bytes === f.bundleBytes,
        unbundled: path.join(unbundledDir, `${f.file}.js`),
      };
    }),
  };
}

/**
 * What the Lambda runtime resolves for a bundle: Node's modules and its SDK. Other externals
 * (@platformatic/kafka, left out unless the kafkaClient param selects it) are never loaded by a
 * deployed function, so preloading them would measure nothing and fail.
 */
function providedByRuntime(specifier: string): boolean {
  return isBuiltin(specifier) || specifier.startsWith('@aws-sdk/') || specifier.startsWith('@smithy/');
}
