import { build, type Metafile } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { functions, handlerModule, type FunctionSpec } from '../../infra/topology';

export const ROOT = path.resolve(__dirname, '../..');
/**
 * Outside the repository (lint and prettier would read it), with a node_modules link so that
 * external packages resolve from the bundles and the transpiled sources as from a deployed package.
 */
export const OUT = path.join(os.tmpdir(), 'kes-bench-cold-start');

export type FunctionKind = 'command' | 'query' | 'projection' | 'reactor' | 'scheduled';

/** Size limits of the issue, per kind (bytes); reactors and the scheduled function have none. */
export const SIZE_LIMITS: Partial<Record<FunctionKind, number>> = {
  query: 150 * 1024,
  projection: 250 * 1024,
  command: 400 * 1024,
};

export function kindOf(spec: FunctionSpec): FunctionKind {
  if (spec.command) return 'command';
  if (spec.http) return 'query';
  if (spec.msk) return spec.transactional ? 'reactor' : 'projection';
  return 'scheduled';
}

export interface BuiltFunction {
  readonly spec: FunctionSpec;
  readonly kind: FunctionKind;
  readonly bundle: string;
  readonly bytes: number;
  /** Bundled bytes as serverless.yml builds it (only three @aws-sdk packages external). */
  readonly serverlessBytes: number;
  /** What the minified bundle is made of, by package (or lib/functions), largest first. */
  readonly parts: readonly { name: string; bytes: number }[];
  readonly unbundled: string;
}

const SDK_EXTERNAL = ['@aws-sdk/*', '@smithy/*'];
const SERVERLESS_EXTERNAL = ['@aws-sdk/client-dynamodb', '@aws-sdk/client-kafka', '@aws-sdk/util-dynamodb'];

function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match) return match[1]!;
  return input.split('/')[0] ?? input;
}

function partsOf(metafile: Metafile): { name: string; bytes: number }[] {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

async function bundle(spec: FunctionSpec, external: string[], outfile: string) {
  const entry = path.join(ROOT, `${handlerModule(spec).file}.ts`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external,
    metafile: true,
    outfile,
    logLevel: 'silent',
  });
  return { bytes: statSync(outfile).size, metafile: result.metafile };
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(ROOT, dir, file));
}

/** Every handler of the topology bundled (minified, SDK external) and the sources transpiled file by file. */
export async function buildFunctions(): Promise<BuiltFunction[]> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(OUT, 'node_modules'), 'dir');
  // Unbundled: each source file transpiled on its own; packages load from node_modules.
  await build({
    entryPoints: [...sourcesUnder('functions'), ...sourcesUnder('lib')],
    outdir: path.join(OUT, 'unbundled'),
    outbase: ROOT,
    bundle: false,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    logLevel: 'silent',
  });
  const built: BuiltFunction[] = [];
  for (const spec of functions) {
    const outfile = path.join(OUT, 'bundled', `${spec.name}.js`);
    const { bytes, metafile } = await bundle(spec, SDK_EXTERNAL, outfile);
    const serverless = await bundle(
      spec,
      SERVERLESS_EXTERNAL,
      path.join(OUT, 'serverless', `${spec.name}.js`),
    );
    built.push({
      spec,
      kind: kindOf(spec),
      bundle: outfile,
      bytes,
      serverlessBytes: serverless.bytes,
      parts: partsOf(metafile),
      unbundled: path.join(OUT, 'unbundled', `${handlerModule(spec).file}.js`),
    });
  }
  return built;
}
