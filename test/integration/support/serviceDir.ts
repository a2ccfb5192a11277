import { copyFile, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// What an osls run writes into its service directory: osls empties `.serverless` when a package
// starts and moves all of it into `--package` when it ends; serverless-esbuild builds in `.esbuild`.
const SCRATCH = new Set(['.serverless', '.esbuild', '.git']);
const CONFIG = 'serverless.yml';

/**
 * A service directory of its own for an osls run: a copy of serverless.yml and links to every other
 * entry of `root` but the scratch folders above. Two runs in one directory take each other's
 * artifacts, templates included (one starts by emptying `.serverless` while the other is filling
 * it, the first to end moves both). `remove` deletes the links and the run's scratch folders, never
 * what the links point to.
 */
export async function linkedServiceDir(root: string, prefix: string) {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}service-`));
  for (const entry of await readdir(root)) {
    if (SCRATCH.has(entry)) continue;
    // osls looks for its configuration with lstat: a link to it is no service directory.
    if (entry === CONFIG) await copyFile(join(root, entry), join(dir, entry));
    else await symlink(join(root, entry), join(dir, entry));
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The environment without any AWS_* variable: what CI has, and proof no AWS account is needed. */
export function withoutAwsVariables(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('AWS_')));
}
