import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { linkedServiceDir, withoutAwsVariables } from '../support/serviceDir';

/**
 * Runs `serverless package` into a fresh temp dir, offline and without credentials as CI does (every
 * AWS_* variable is removed for the child), and returns that dir. esbuild bundles every function,
 * so callers do it once per file (per set of `params`), in beforeAll. Each run gets a service
 * directory of its own (`linkedServiceDir` says why).
 */
export async function packageOffline(
  root: string,
  prefix: string,
  timeoutMs: number,
  params: Readonly<Record<string, string>> = {},
): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), prefix));
  const service = await linkedServiceDir(root, prefix);
  const paramArgs = Object.entries(params).map(([name, value]) => `--param=${name}=${value}`);
  try {
    await promisify(execFile)(
      'npx',
      ['serverless', 'package', '--stage', 'test', '--package', outDir, ...paramArgs],
      { cwd: service.dir, env: withoutAwsVariables(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
    );
  } finally {
    await service.remove();
  }
  return outDir;
}
