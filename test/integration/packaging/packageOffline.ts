import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// What a package run writes into its service directory: osls empties `.serverless` when it starts
// and moves all of it into `--package` when it ends; serverless-esbuild deletes `.esbuild`.
const SCRATCH = new Set(['.serverless', '.esbuild', '.git']);
const CONFIG = 'serverless.yml';

/**
 * Runs `serverless package` into a fresh temp dir, offline and without credentials as CI does (every
 * AWS_* variable is removed for the child), and returns that dir. esbuild bundles every function,
 * so callers do it once per file (per set of `params`), in beforeAll.
 *
 * Each run gets a service directory of its own: a copy of serverless.yml and links to every other
 * entry of `root` but the scratch folders above. Two runs in one directory take each other's artifacts, templates included (one
 * starts by emptying `.serverless` while the other is filling it, the first to end moves both).
 */
export async function packageOffline(
  root: string,
  prefix: string,
  timeoutMs: number,
  params: Readonly<Record<string, string>> = {},
): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), prefix));
  const serviceDir = await mkdtemp(join(tmpdir(), `${prefix}service-`));
  for (const entry of await readdir(root)) {
    if (SCRATCH.has(entry)) continue;
    // osls looks for its configuration with lstat: a link to it is no service directory.
    if (entry === CONFIG) await copyFile(join(root, entry), join(serviceDir, entry));
    else await symlink(join(root, entry), join(serviceDir, entry));
  }
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  const paramArgs = Object.entries(params).map(([name, value]) => `--param=${name}=${value}`);
  try {
    await promisify(execFile)(
      'npx',
      ['serverless', 'package', '--stage', 'test', '--package', outDir, ...paramArgs],
      { cwd: serviceDir, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
    );
  } finally {
    // Removes the links and the run's scratch folders, never what the links point to.
    await rm(serviceDir, { recursive: true, force: true });
  }
  return outDir;
}
